namespace NewsIngest.Tests.LocalHost;

/// <summary>Waits for a condition the listeners make true in their own time, failing with what was awaited after a bound.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {within.TotalSeconds:0} s: {what}.");
            }

            await Task.Delay(200);
        }
    }

    public static Task HoldsAsync(string what, Func<bool> condition, TimeSpan within) =>
        HoldsAsync(what, () => Task.FromResult(condition()), within);
}
