using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;
using OpenAIChatResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace Orch.Core.Models.Providers;

/// <summary>Between <see cref="Microsoft.Extensions.AI"/> chat types and the OpenAI SDK's chat completion types.</summary>
internal static class OpenAiChatMapping
{
    // Text, tool calls and tool results are sent; other content (images, files) is not something Orch sends.
    public static List<OpenAIChatMessage> Messages(IEnumerable<AIChatMessage> messages)
    {
        var result = new List<OpenAIChatMessage>();
        foreach (var message in messages)
        {
            result.AddRange(message.Contents.OfType<FunctionResultContent>().Select(r => new ToolChatMessage(r.CallId, ToolJson.ResultText(r))));

            var text = ToolJson.Text(message);
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                var calls = message.Contents.OfType<FunctionCallContent>()
                    .Select(c => ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(ToolJson.ArgumentsText(c))))
                    .ToList();
                if (calls.Count == 0)
                {
                    result.Add(new AssistantChatMessage(text));
                    continue;
                }

                var assistant = new AssistantChatMessage(calls);
                if (text.Length > 0)
                {
                    assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
                }

                result.Add(assistant);
            }
            else if (message.Role != ChatRole.Tool && (text.Length > 0 || !message.Contents.Any(c => c is FunctionResultContent)))
            {
                result.Add(new UserChatMessage(text));
            }
        }

        return result;
    }

    /// <param name="options">The caller's options.</param>
    /// <param name="alsoLegacyMaxTokens">
    /// The SDK sends the cap as <c>max_completion_tokens</c>; servers that only know the older <c>max_tokens</c>
    /// (Ollama's /v1, LM Studio) would ignore it, so for anything but OpenAI itself both are sent.
    /// </param>
    public static ChatCompletionOptions Options(ChatOptions? options, bool alsoLegacyMaxTokens)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.FrequencyPenalty = options.FrequencyPenalty;
        result.PresencePenalty = options.PresencePenalty;
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        if (alsoLegacyMaxTokens && options.MaxOutputTokens is { } maxTokens)
        {
#pragma warning disable SCME0001 // JsonPatch is the SDK's way to send a field it does not model.
            result.Patch.Set("$.max_tokens"u8, maxTokens);
#pragma warning restore SCME0001
        }

        foreach (var function in ToolJson.Functions(options))
        {
            result.Tools.Add(ChatTool.CreateFunctionTool(function.Name, function.Description, BinaryData.FromString(function.JsonSchema.GetRawText())));
        }

        if (result.Tools.Count > 0)
        {
            result.ToolChoice = options.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                AutoChatToolMode => ChatToolChoice.CreateAutoChoice(),
                _ => null,
            };
        }

        result.ResponseFormat = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAIChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription),
            ChatResponseFormatJson => OpenAIChatResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => OpenAIChatResponseFormat.CreateTextFormat(),
            AIChatResponseFormat or null => null,
        };
        return result;
    }

    /// <summary>Reads the completion; the SDK parses lazily, so a malformed answer throws here, not at the call.</summary>
    public static ChatResponse Response(ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        contents.AddRange(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => new TextContent(p.Text)));
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new ErrorContent(completion.Refusal) { ErrorCode = "refusal" });
        }

        contents.AddRange(completion.ToolCalls.Select(c => ToolJson.ParseCall(c.Id, c.FunctionName, c.FunctionArguments?.ToString() ?? "{}")));
        var usage = completion.Usage is { } reported
            ? new UsageDetails
            {
                InputTokenCount = reported.InputTokenCount,
                OutputTokenCount = reported.OutputTokenCount,
                TotalTokenCount = reported.TotalTokenCount,
                CachedInputTokenCount = reported.InputTokenDetails?.CachedTokenCount,
                ReasoningTokenCount = reported.OutputTokenDetails?.ReasoningTokenCount,
            }
            : null;
        return new ChatResponse(new AIChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id, RawRepresentation = completion })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = FinishReason(completion),
            Usage = usage,
            RawRepresentation = completion,
        };
    }

    private static Microsoft.Extensions.AI.ChatFinishReason? FinishReason(ChatCompletion completion)
    {
        OpenAI.Chat.ChatFinishReason reason;
        try
        {
            reason = completion.FinishReason;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A compatible server's own reason (vLLM "abort", a missing one): not worth failing a good answer for.
            return null;
        }

        return reason switch
        {
            OpenAI.Chat.ChatFinishReason.Stop => Microsoft.Extensions.AI.ChatFinishReason.Stop,
            OpenAI.Chat.ChatFinishReason.Length => Microsoft.Extensions.AI.ChatFinishReason.Length,
            OpenAI.Chat.ChatFinishReason.ContentFilter => Microsoft.Extensions.AI.ChatFinishReason.ContentFilter,
            OpenAI.Chat.ChatFinishReason.ToolCalls or OpenAI.Chat.ChatFinishReason.FunctionCall => Microsoft.Extensions.AI.ChatFinishReason.ToolCalls,
            _ => null,
        };
    }
}
