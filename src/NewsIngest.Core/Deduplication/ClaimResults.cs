namespace NewsIngest.Core.Deduplication;

/// <summary>
/// What a bulk claim got: <paramref name="Claimed"/> URLs are new and this caller must enqueue them; <paramref name="TakenOver"/>
/// URLs had a claim whose lease ran out with no proof of their page, and this caller must enqueue them again; <paramref name="Held"/>
/// counts URLs another run still holds within its lease, whose outcome is not known yet. The rest were finished already.
/// </summary>
public sealed record ClaimResults(IReadOnlyList<Uri> Claimed, IReadOnlyList<Uri> TakenOver, int Held);
