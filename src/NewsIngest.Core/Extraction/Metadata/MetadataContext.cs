using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>What every metadata resolver reads: the harvested index, the meta tags and the JSON-LD graph.</summary>
internal sealed record MetadataContext(DomIndex Index, MetaTags Meta, JsonLdGraph JsonLd, PageContext Page);
