using System.Text.RegularExpressions;

namespace NewsIngest.Core.Extraction.Cleaning;

/// <summary>
/// The short-line filters (rs-trafilatura's line rules plus French equivalents) and the credit-line pattern, as data.
/// Each rule drops a block that matches and is shorter than its length limit.
/// </summary>
internal static partial class LineVocabulary
{
    /// <summary>No label is longer than this (skips the lookup for paragraphs).</summary>
    public const int MaxLabelChars = 60;

    /// <summary>Whole-line labels (compared case-insensitively after trimming punctuation): UI words, ad labels.</summary>
    public static readonly HashSet<string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "publicité", "publicite", "advertisement", "advertising", "annonce", "sponsored", "sponsorisé", "pub", "ad", "ads",
        "comments", "commentaires", "commentaire", "partager", "partagez", "share", "share this", "share this article",
        "print", "imprimer", "email", "e-mail", "mail", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit",
        "messenger", "telegram", "flipboard", "x", "copier le lien", "copy link", "lire la suite", "read more", "continue reading",
        "skip to content", "aller au contenu", "photo", "video", "vidéo", "voir la vidéo", "écouter", "listen", "favoris",
        "ajouter aux favoris", "sauvegarder", "save", "close", "fermer", "menu", "recherche", "search", "top", "retour en haut",
        "advertisement - continue reading below", "story continues below advertisement", "article continues below",
        "la suite après la publicité", "la suite après cette publicité", "suite après la publicité",
        "en direct", "direct", "live", "live updates", "dans la même rubrique", "dans la meme rubrique", "sur le même sujet",
        "sur le même thème", "à lire aussi", "lire aussi", "voir aussi", "réagir", "réagissez", "les plus lus", "most read",
        "the associated press", "associated press", "the canadian press", "reuters", "afp", "agence france-presse", "ap",
        "bloomberg", "staff", "staff writer", "advert", "advertisement feature", "sponsored content", "related news", "related",
        "breaking news", "breaking", "exclusive", "our latest stories", "latest stories", "don't miss", "dont miss", "don’t miss", "must read", "must reads", "read next", "what to read next", "you may also like",
        "you might also like", "more from", "more news", "latest news", "top stories", "à ne pas manquer", "les plus lus", "related coverage", "recommended", "recommended for you", "trending", "popular", "comments", "show comments", "hide comments", "related articles", "related stories", "more stories", "voir plus de posts", "charger plus", "load more", "plus d'articles",
    };

    /// <summary>
    /// Line patterns with the maximum block length they apply to; the two unanchored ones carry the literals every
    /// match contains (keep those lists in step with their pattern).
    /// </summary>
    public static readonly LineRule[] Rules =
    [
        new(ReadAlso(), 300),
        new(PhotoCredit(), 160),
        new(Byline(), 60),
        new(Timestamp(), 100),
        new(
            CreditOrCallToAction(), 160,
            "getty", "afp", "photo", "shutterstock", "reuters", "istock", "maxppp", "sign", "subscribe", "inscrivez", "abonn",
            "newsletter", "follow", "suivez", "download", "application", "join", "rejoignez", "already", "compte", "connecter",
            "log", "click", "cliquez", "pour", "continue", "comment", "charte"),
        new(Copyright(), 200),
        new(TagLine(), 200),
        new(SocialLine(), 160),
        new(GalleryCounter(), 40),
        new(WireCredit(), 400, "reporting", "writing", "editing", "compiled", "contributed", "follow", "reach"),
    ];

    /// <summary>A heading that opens a recirculation list ("More Great X Stories", "Related articles", "À lire aussi").</summary>
    [GeneratedRegex(@"^(?:(?:our|the)\s+)?(?:(?:more|related|recommended|top|latest|popular|other|similar|further)\b.{0,40}\b(?:stories|articles|news|reads|posts|reading|coverage)|(?:don['’]?t|do\s+not)\s+miss|must\s+reads?|read\s+(?:more|next|also)|you\s+(?:may|might)\s+also\s+like|(?:à|a)\s+lire\s+(?:aussi|également)|lire\s+aussi|sur\s+le\s+m[êe]me\s+(?:sujet|thème)|dans\s+la\s+m[êe]me\s+rubrique|les\s+plus\s+lus|nos\s+derniers\s+articles|articles?\s+similaires|voir\s+aussi)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex RecirculationHeading();

    /// <summary>The credit line: "Source: X", "Source : X" (any space, including no-break), "Sources : X".</summary>
    [GeneratedRegex(@"^\s*[\(\[«]?\s*Sources?[\s\u00A0\u202F]*[:：][\s\u00A0\u202F]*(?<value>.+?)\s*[\)\]»]?\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex SourceLine();

    [GeneratedRegex(@"^\W{0,3}(?:(?:à|a)\s+lire\s+(?:aussi|également|egalement)|lire\s+(?:aussi|également|egalement|la suite)|lisez\s+aussi|voir\s+aussi|à\s+voir\s+aussi|à\s+découvrir|read\s+(?:more|also|next)|also\s+read|see\s+also|related(?:\s+articles?|\s+stories)?\s*:|more\s+on\s+this|more\s+from|recommended|sur\s+le\s+même\s+sujet|notre\s+dossier|pour\s+aller\s+plus\s+loin|watch\s*:|video\s*:|vidéo\s*:|related\s+[\w\s]{0,20}:|article\s+(?:précédent|suivant)|previous\s+(?:article|post)|next\s+(?:article|post)|dans\s+la\s+m[êe]me\s+rubrique|sur\s+le\s+m[êe]me\s+th[èe]me)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReadAlso();

    [GeneratedRegex(@"^\W{0,3}(?:photos?|image|images|credits?|crédits?(?:\s+photo)?|illustration|picture|pictured|©)\s*[:©/]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhotoCredit();

        [GeneratedRegex(@"^(?:by|par|von|written\s+by|posted\s+by|écrit\s+par|publié\s+par)\s+\p{Lu}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    [GeneratedRegex(@"^\W{0,3}(?:updated|published|first\s+published|last\s+updated|last\s+modified|posted|publié|publie|mis\s+à\s+jour|mise\s+à\s+jour|modifié|actualisé|le\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();

    /// <summary>Photo-agency credits and calls to action (one scan for both: they share the length limit).</summary>
    [GeneratedRegex(@"(?:getty\s*images|afp\s+photo|ap\s+photo|shutterstock|/\s*afp\b|\bafp\s*/|/\s*reuters\b|reuters\s*/|istock|/\s*maxppp|maxppp\s*/|\(photo\b|photo\s*:|sign\s+up\b|subscribe\b|inscrivez-vous|abonnez-vous|s'abonner|s’abonner|newsletter|follow\s+us|suivez-nous|download\s+the\s+app|téléchargez\s+l'application|join\s+our|rejoignez-nous|already\s+a\s+subscriber|déjà\s+abonné|créer\s+un\s+compte|se\s+connecter|log\s+in\b|click\s+here|cliquez\s+ici|réservée?s?\s+aux\s+abonnés|pour\s+lire\s+la\s+suite|to\s+continue\s+reading|subscribers\s+only|abonnez-vous\s+pour|\bcommenters\b|comment\s+policy|commenting\s+guidelines|charte\s+de\s+modération)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditOrCallToAction();

    [GeneratedRegex(@"\((?:[^()]{0,80}\b(?:AP|AFP|Reuters|Getty\s+Images|EPA|file\s+photo|File|Photo|photo|Shutterstock|Maxppp|SIPA|Associated\s+Press|Bloomberg|Courtesy|courtesy)\b[^()]{0,40}|[^()/]{2,40}\s/\s[^()/]{2,40})\)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex CaptionCredit();

    [GeneratedRegex(@"^(?:(?:facebook|twitter|google\+?|whatsapp|linkedin|pinterest|reddit|messenger|telegram|flipboard|e-?mail|mail|print|imprimer|partager|share|tweet|x)\W*){2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SocialLine();

    [GeneratedRegex(@"^(?:image|photo|picture|slide|diapositive|vidéo|video)\s+\d+\s+(?:of|sur|de|/)\s+\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GalleryCounter();

    /// <summary>Wire-service and contributor notes: "(Reporting by …; editing by …)", "X contributed to this report", "Follow him on Twitter".</summary>
    [GeneratedRegex(@"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b|contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)|\bfollow\s+(?:him|her|them|me)\s+on\b|\breach\s+the\s+(?:reporters?|writers?|authors?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WireCredit();

    [GeneratedRegex(@"^(?:tags?|mots[\s-]clés|étiquettes|topics|filed\s+under|catégories?|categories|keywords|thèmes)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagLine();

    [GeneratedRegex(@"^\W{0,2}(?:©|\(c\)|copyright\b|tous\s+droits\s+réservés|all\s+rights\s+reserved)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Copyright();
}
