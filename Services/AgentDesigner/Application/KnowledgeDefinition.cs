using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.AgentDesigner.Application;

/// <summary>What a caller may set on a knowledge item as a whole; the agent it belongs to never changes.</summary>
internal sealed record KnowledgeDefinition(
    string Category, string Content, string? Source, JsonElement? Metadata, double RelevanceScore)
{
    private const int MaxCategoryLength = 100;
    private const int MaxSourceLength = 500;
    private const int MaxContentLength = 1_000_000;

    public void Validate()
    {
        Fields.Required(Category, "category", MaxCategoryLength);
        Fields.Required(Content, "content", MaxContentLength);
        Fields.Optional(Source, "source", MaxSourceLength);
        Fields.JsonObject(Metadata, "metadata");
        if (!double.IsFinite(RelevanceScore))
        {
            throw new ArgumentException("'relevanceScore' must be a finite number.", "relevanceScore");
        }
    }

    public void ApplyTo(KnowledgeItem item)
    {
        item.Category = Category;
        item.Content = Content;
        item.Source = Source;
        item.Metadata = Fields.JsonObject(Metadata, "metadata");
        item.RelevanceScore = RelevanceScore;
    }

    public bool Matches(KnowledgeItem item) =>
        item.Category == Category && item.Content == Content && item.Source == Source
        && item.RelevanceScore.Equals(RelevanceScore)
        && JsonElement.DeepEquals(Fields.ToElement(item.Metadata), Fields.ToElement(Fields.JsonObject(Metadata, "metadata")));
}
