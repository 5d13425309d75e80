# Orch: both hosts in one image. The dashboard runs by default; the MCP server is /app/mcp/Orch.Mcp.dll.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Orch.Core/Orch.Core.csproj src/Orch.Core/
COPY src/Orch.Mcp/Orch.Mcp.csproj src/Orch.Mcp/
COPY src/Orch.Admin/Orch.Admin.csproj src/Orch.Admin/
COPY src/Orch.Admin/Framework/BlazorScript.targets src/Orch.Admin/Framework/
# On amd64 both hosts are published for linux-x64, compiled ahead of time (ReadyToRun: the first pages and
# the first tool calls after a start do not wait for the JIT); elsewhere portable, JIT-compiled.
ARG TARGETARCH
RUN if [ "${TARGETARCH:-amd64}" = amd64 ]; then echo linux-x64; fi > /tmp/rid \
 && rid=$(cat /tmp/rid) \
 && dotnet restore src/Orch.Admin/Orch.Admin.csproj ${rid:+-r $rid} \
 && dotnet restore src/Orch.Mcp/Orch.Mcp.csproj ${rid:+-r $rid}
COPY src/ src/
RUN rid=$(cat /tmp/rid) \
 && dotnet publish src/Orch.Admin/Orch.Admin.csproj -c Release --no-restore ${rid:+-r $rid --self-contained false} -o /app/admin \
 && dotnet publish src/Orch.Mcp/Orch.Mcp.csproj -c Release --no-restore ${rid:+-r $rid --self-contained false} -o /app/mcp

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV Orch__DataDirectory=/data \
    ASPNETCORE_URLS=http://+:5200
VOLUME /data
EXPOSE 5200
WORKDIR /app/admin
ENTRYPOINT ["dotnet", "Orch.Admin.dll"]
