using NewsIngest.Core.Extraction.Metadata;

namespace NewsIngest.Tests.Extraction;

public sealed class DateTextTests
{
    private static readonly TimeSpan Paris = TimeSpan.FromHours(2);

    [Theory]
    [InlineData("Publié le 11/05/2017 à 13h47", 2017, 5, 11, 13, 47)]
    [InlineData("11/05/2017 13:47", 2017, 5, 11, 13, 47)]
    [InlineData("jeudi 11 mai 2017", 2017, 5, 11, 0, 0)]
    [InlineData("Mis à jour le 1er mai 2017 à 8h05", 2017, 5, 1, 8, 5)]
    [InlineData("dimanche 26 mars 2017 19:40", 2017, 3, 26, 19, 40)]
    [InlineData("11 déc. 2019", 2019, 12, 11, 0, 0)]
    public void French_visible_dates_are_read_as_day_month_year(string text, int y, int mo, int d, int h, int mi)
    {
        var date = DateText.ParseVisible(text, english: false, Paris);
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, 0, Paris), date);
    }

    [Theory]
    [InlineData("May 11, 2017", 2017, 5, 11, 0, 0)]
    [InlineData("Updated: May 11, 2017 at 1:47 pm", 2017, 5, 11, 13, 47)]
    [InlineData("11 May 2017", 2017, 5, 11, 0, 0)]
    [InlineData("05/11/2017", 2017, 5, 11, 0, 0)]
    public void English_visible_dates_are_read_month_first(string text, int y, int mo, int d, int h, int mi)
    {
        var date = DateText.ParseVisible(text, english: true, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.Zero), date);
    }

    [Theory]
    [InlineData("depuis 6 années")]
    [InlineData("il y a 2 heures")]
    [InlineData("Publié il y a 35 min")]
    [InlineData("2 hours ago")]
    [InlineData("hier à 18h30")]
    public void Relative_texts_never_become_dates(string text)
    {
        Assert.Null(DateText.ParseVisible(text, english: false, Paris));
        Assert.Null(DateText.ParseMachine(text));
    }

    [Theory]
    [InlineData("2017-05-11T13:47:00+03:00", 3)]
    [InlineData("2017-05-11T09:30:00+0100", 1)]
    [InlineData("2017-05-11T13:47:00Z", 0)]
    [InlineData("2017-05-11T13:47:00.000-04:00", -4)]
    public void Machine_dates_keep_the_offset_they_state(string text, int offsetHours)
    {
        var date = DateText.ParseMachine(text);
        Assert.NotNull(date);
        Assert.Equal(TimeSpan.FromHours(offsetHours), date.Value.Offset);
    }

    [Fact]
    public void Machine_date_without_offset_is_taken_as_utc()
    {
        Assert.Equal(new DateTimeOffset(2017, 5, 11, 0, 0, 0, TimeSpan.Zero), DateText.ParseMachine("2017-05-11"));
    }

    [Fact]
    public void Implausible_years_are_rejected()
    {
        Assert.Null(DateText.ParseMachine("0001-01-01T00:00Z"));
    }

    [Theory]
    [InlineData(2017, 3, 26, 1, 0, 1)]
    [InlineData(2017, 3, 26, 19, 40, 2)]
    [InlineData(2017, 10, 29, 4, 0, 1)]
    [InlineData(2017, 5, 11, 13, 47, 2)]
    [InlineData(2015, 2, 3, 10, 15, 1)]
    public void Paris_offset_follows_the_eu_summer_time_rule(int y, int mo, int d, int h, int mi, int expectedHours)
    {
        Assert.Equal(TimeSpan.FromHours(expectedHours), ParisTime.OffsetFor(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Unspecified)));
    }
}
