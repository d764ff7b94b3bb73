namespace NewsIngest.Tests.Extraction;

/// <summary>Builds small but realistic article pages for field-level tests.</summary>
internal static class PageBuilder
{
    /// <summary>Three ordinary body paragraphs, long enough for the content locator.</summary>
    public const string Paragraphs =
        "<p>Le conseil municipal a adopté mardi soir, après plus de trois heures de débats, le budget primitif de la commune pour l'année à venir, marqué par une hausse sensible des investissements.</p>" +
        "<p>La majorité met en avant la rénovation des écoles, la création d'une nouvelle piste cyclable et l'agrandissement de la médiathèque, trois chantiers attendus de longue date par les habitants.</p>" +
        "<p>L'opposition dénonce pour sa part un recours accru à l'emprunt et une hausse des tarifs de la cantine, qu'elle juge injustifiée dans le contexte actuel de hausse des prix de l'énergie.</p>" +
        "<p>Le maire a rappelé que les taux d'imposition resteraient inchangés pour la cinquième année consécutive, tout en reconnaissant que l'équilibre financier demeurait fragile.</p>";

    public static string Article(string bodyTail = "", string head = "", string beforeBody = "") =>
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Budget : la commune investit</title>" + head + "</head><body>" +
        "<header class=\"site-header\"><nav><a href=\"/\">Accueil</a></nav></header>" +
        "<main><article><h1>Budget : la commune investit</h1>" + beforeBody + "<div class=\"entry-content\">" + Paragraphs + bodyTail + "</div></article></main>" +
        "<footer class=\"site-footer\"><p>© Le Journal</p></footer></body></html>";
}
