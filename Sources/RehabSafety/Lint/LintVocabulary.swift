import RehabSearch

/// The word lists behind the linter's heuristics. Lists of stems are written as plain words and
/// stemmed once with RehabSearch's ``Analyzer``, so "treatments" and "treating" match "treatment".
enum LintVocabulary {
    /// The stems of single words (stop words included, so that "no" and "can" can be listed).
    private static func stems(_ words: [String]) -> Set<String> {
        Set(words.flatMap { LintText.analyzer.allTokens($0).map(\.term) })
    }

    // MARK: - Question words

    /// Words that open a wh-question.
    static let whWords: Set<String> = ["what", "why", "when", "where", "who", "whom", "whose", "which", "how"]

    /// Verbs that open a yes/no question ("Can I…", "Is it…", "Don't…").
    static let auxiliaries: Set<String> = [
        "can", "could", "should", "would", "will", "shall", "is", "are", "was", "were", "do", "does", "did", "am",
        "may", "might", "must", "has", "have", "had", "isn't", "aren't", "can't", "couldn't", "shouldn't", "won't",
        "wouldn't", "don't", "doesn't", "didn't", "hasn't", "haven't",
    ]

    /// Words that cannot end a sentence: an answer that stops on one of them was cut off. Words that
    /// can close a clause ("bent over", "when you can", "for a while") are not listed.
    static let danglingWords: Set<String> = [
        // articles and determiners
        "a", "an", "the", "my", "your", "our", "their", "every",
        // conjunctions
        "and", "or", "but", "nor", "because", "although", "though", "unless", "whereas", "whether", "than",
        // prepositions that need an object
        "of", "to", "with", "from", "into", "onto", "upon", "for", "at", "per", "via", "toward", "towards", "among",
        "during", "against", "beside", "beneath", "until", "such", "including", "include", "includes", "very",
        // relative words that open a clause
        "which", "who", "whose", "whom", "that",
    ]

    /// Words before a final preposition that make a whole clause: "if you need to", "what you can
    /// cope with", "what it is used for".
    static let ellipticalBefore: [String: Set<String>] = [
        "to": ["need", "needs", "want", "wants", "have", "has", "had", "able", "try", "like", "ought", "used", "going", "got",
               "meant", "supposed", "allowed", "told", "asked", "plan", "hope", "wish", "decide", "choose", "prefer", "how", "where",
               "agree", "agreed", "advised", "advise", "unable", "willing", "happy", "afraid"],
        "with": ["comfortable", "happy", "deal", "cope", "familiar", "fine", "okay", "ok", "content", "live", "up", "along", "help", "go"],
        "of": ["capable", "aware", "afraid", "sure", "think", "unsure", "care", "rid", "scared", "proud", "fond", "made", "heard", "part", "kind", "sort"],
        "for": ["used", "look", "looking", "care", "caring", "ask", "asking", "wait", "waiting", "pay", "hope", "ready", "watch", "go", "suitable"],
        "from": ["comes", "come", "came", "coming", "recover", "recovering", "suffer", "suffering", "benefit", "away", "far"],
        "at": ["look", "looking", "good", "aimed", "where"],
        "until": ["wait", "waiting"],
        "that": ["do", "does", "did", "doing", "done", "avoid", "try", "like", "after", "before", "about", "than", "with", "all",
                 "of", "for", "from", "is", "was", "said", "mean", "means", "know", "think", "see", "notice", "feel", "hear",
                 "remember", "just", "more", "beyond", "besides", "despite"],
        "who": ["know", "sure", "ask", "matter"],
    ]

    /// Dangling words that are wrong even with a full stop after them ("…and the.").
    static let neverFinal: Set<String> = ["a", "an", "the", "and", "or", "but", "nor", "your", "my", "their", "our"]

    /// Closing words a scraper leaves behind when it cuts an answer short.
    static let readMorePhrases = ["read more", "show more", "see more", "continue reading", "learn more", "more…", "(more)", "[…]", "[...]"]

    // MARK: - Answer subjects

    /// Words that say what causes something.
    static let causeMarkers = stems([
        "cause", "caused", "causes", "causing", "because", "due", "reason", "result", "lead", "leads", "trigger", "triggered",
        "risk", "factor", "linked", "link", "associated", "related", "responsible", "contribute", "contributes", "stems",
        "origin", "why", "happen", "happens", "occur", "occurs", "brought",
    ])

    /// Nouns and verbs that usually appear when an answer explains a cause.
    static let causeSubjects = stems([
        "hormone", "relaxin", "posture", "overuse", "strain", "injury", "weight", "pressure", "tight", "weak", "weakness",
        "tired", "fatigue", "dehydration", "imbalance", "deficiency", "ligament", "loosen", "shift", "change",
        "changes", "nerve", "age", "older", "growing", "bump", "gain", "lack", "low", "levels", "condition",
    ])

    /// Words that describe symptoms.
    static let symptomWords = stems([
        "feel", "feels", "feeling", "pain", "ache", "aching", "hurt", "hurts", "tight", "tightness", "stiff", "stiffness", "cramp",
        "spasm", "numb", "numbness", "tingling", "tingle", "swelling", "swollen", "sharp", "dull", "throbbing", "burning", "sore",
        "tender", "weak", "weakness", "symptom", "symptoms", "sign", "signs", "notice", "sudden", "shooting", "radiating", "spreads",
        "worse", "bruising", "redness", "fever", "knot", "twitch", "bulge", "locked",
    ])

    /// Words of relief: an answer full of them says how to treat something.
    static let reliefWords = stems([
        "treat", "treatment", "treatments", "remedy", "remedies", "relieve", "relief", "ease", "eases", "soothe", "help", "helps",
        "reduce", "manage", "cure", "recommended",
    ])

    /// Treatments named as things.
    static let treatmentNouns = stems([
        "massage", "compress", "physiotherapy", "physiotherapist", "painkiller", "painkillers", "paracetamol", "ibuprofen",
        "acetaminophen", "aspirin", "acupuncture", "yoga", "pilates", "cream", "gel", "brace", "belt", "tens", "injection",
        "chiropractor", "osteopath", "bath", "pillow", "medicine", "medication", "supplement", "therapy",
    ])

    /// Verbs that open an instruction ("Try…", "Apply…"), as folded words.
    static let instructionVerbs: Set<String> = [
        "apply", "try", "use", "rest", "take", "stretch", "ask", "avoid", "keep", "put", "wrap", "lie", "do", "drink", "walk",
        "massage", "sit", "stand", "wear", "place", "hold", "repeat", "see", "book", "talk", "start", "switch", "follow",
        "consider", "gently", "slowly", "ice", "heat", "rub", "roll", "bend", "lift", "raise", "squeeze", "tighten", "relax",
        "sleep", "swim", "eat", "limit", "reduce", "stop", "don't", "never", "always", "make", "get", "go", "call", "speak",
    ]

    /// Words that give a length of time.
    static let durationWords = stems([
        "second", "minute", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "daily", "night", "nights", "week",
        "weeks", "fortnight", "month", "months", "year", "years", "trimester", "overnight", "permanent", "permanently",
        "lifelong", "forever", "until", "till", "within", "soon", "quickly", "immediately", "temporary", "temporarily", "briefly", "while", "time", "chronic", "ongoing", "birth", "delivery", "term", "longer",
    ])

    /// Words that give how often.
    static let frequencyWords = stems([
        "times", "once", "twice", "daily", "weekly", "every", "each", "hour", "day", "week", "regularly", "often", "always",
        "whenever", "session", "sessions", "repeat", "repetitions", "reps", "sets", "frequently", "rarely",
    ]).union(durationWords)

    /// Words that answer "is it safe…?" one way or the other.
    static let safetyWords = stems([
        "safe", "safely", "unsafe", "risk", "risky", "harm", "harmful", "danger", "dangerous", "avoid", "caution", "careful",
        "fine", "okay", "ok", "yes", "no", "not", "never", "don't", "shouldn't", "can't", "cannot", "recommend", "recommended",
        "advise", "advised", "approved", "check", "ask", "talk", "should", "unless", "only", "usually", "generally",
    ])

    /// Words that take a stance on a yes/no question.
    static let stanceWords = stems([
        "yes", "no", "not", "don't", "doesn't", "can't", "cannot", "won't", "shouldn't", "isn't", "aren't", "can", "should",
        "may", "might", "must", "need", "usually", "generally", "often", "sometimes", "rarely", "best", "better", "depend",
        "depends", "only", "unless", "always", "never", "avoid", "fine", "okay", "ok", "safe", "recommend", "worth", "help",
        "helps", "likely", "unlikely", "possible", "probably", "normal", "common", "will", "could", "is", "are", "does", "do",
    ])

    /// Words naming someone to see or call for care.
    static let careWords = stems([
        "doctor", "gp", "provider", "midwife", "physio", "physiotherapist", "therapist", "nurse", "pharmacist",
        "clinician", "specialist", "obstetrician", "consultant", "999", "911", "111", "emergency", "hospital", "urgent",
        "appointment", "maternity", "healthcare", "medical", "surgery", "clinic", "ambulance", "professional",
    ])

    /// Words so common in questions that they say nothing about the question's own subject.
    static let genericQuestionStems = stems([
        "help", "helps", "best", "way", "good", "need", "take", "use", "make", "know", "mean", "happen", "thing", "sign",
        "signs", "normal", "ok", "okay", "safe", "bad", "better", "worse", "common", "usual", "usually", "long", "often",
        "much", "many", "feel", "keep", "start", "stop", "still", "go", "come", "right", "wrong", "first", "try", "ever",
        "well", "something", "else", "anything", "problem", "affect", "cause", "causes", "treat", "treatment", "symptom",
        "symptoms", "pain", "painful", "ache", "hurt", "hurts", "sore", "work", "works", "need", "want", "able", "possible",
        "typical", "typically", "generally", "really", "exactly", "actually", "recommend", "recommended", "option", "options",
        "avoid", "ease", "relieve", "manage", "reduce", "prevent", "stop", "get", "going", "worry", "serious", "should",
        "time", "day", "days", "week", "weeks", "home", "doctor", "see", "call", "care", "health", "provider", "tell", "happen",
        "last", "lasts", "lasting", "heal", "heals", "recover", "better", "normal",
    ])

    /// Words that say nothing of a question's subject: adverbs, numbers, light verbs.
    static let functionWordStems = stems([
        "again", "after", "before", "around", "above", "below", "over", "under", "through", "during", "without", "within",
        "between", "quickly", "quick", "fast", "soon", "later", "now", "still", "always", "never", "sometimes", "ever",
        "even", "quite", "more", "most", "less", "least", "new", "next", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "first", "second", "third", "gone", "go", "going", "went", "come", "coming",
        "came", "gets", "getting", "put", "let", "made", "like", "people", "someone", "person", "lot", "lots", "bit",
        "little", "big", "small", "kind", "sort", "type", "part", "side", "off", "up", "down", "out", "away", "together",
        "instead", "yet", "already", "enough", "every", "whole", "own", "same", "different", "other", "another", "without",
        "much", "many", "far", "near", "back", "done", "doing", "give", "gives", "say", "said", "look", "looks", "goes",
        "position", "positions", "way", "ways", "best", "worst", "offer", "offers", "provide", "suggest", "few", "several",
        "some", "lower", "raise", "increase", "decrease", "risk", "risks", "chance", "chances", "safer", "safest", "safety",
        "safely", "else", "stay", "keep", "able", "allowed", "okay",
        "makes", "takes", "comes", "keeps", "happens", "become", "becomes", "turn", "turns", "seem", "seems",
    ])

    /// Words that add nothing to a question's meaning when comparing questions ("usually", "actually").
    static let questionFillerStems = stems(["usually", "typically", "generally", "normally", "actually", "exactly", "really", "ever", "just"])

    /// Subjects that answers drift between, each with the words that name it. An answer that is all
    /// about one of them under a question about another is off topic.
    static let subjects: [(name: String, stems: Set<String>)] = [
        ("drinking water and hydration", stems(["hydration", "hydrate", "hydrated", "dehydration", "dehydrated", "water", "fluid", "fluids", "drink", "drinking", "glasses"])),
        ("acupuncture", stems(["acupuncture", "acupuncturist", "acupressure", "needle", "needles"])),
        ("massage", stems(["massage", "masseuse", "rub", "rubbing", "knead"])),
        ("heat", stems(["heat", "heating", "warm", "warmth", "hot", "sauna"])),
        ("cold and ice", stems(["ice", "cold", "frozen", "cool", "cryotherapy"])),
        ("exercise and stretching", stems(["exercise", "stretch", "stretching", "yoga", "pilates", "walking", "swimming", "strengthen", "strengthening",
                                           "strength", "workout", "squat", "lunge", "bridge", "plank", "raise", "reps", "repetitions", "repeat", "sets",
                                           "cycling", "running", "activity", "active", "movement", "moving", "tilt", "tilts", "circles",
                                           "sport", "sports", "gym", "training", "fitness", "crunches", "sit-ups"])),
        ("medicines", stems(["medicine", "medication", "painkiller", "paracetamol", "ibuprofen", "acetaminophen", "aspirin", "naproxen", "codeine", "drug", "tablet", "pill", "dose"])),
        ("sleep", stems(["sleep", "sleeping", "mattress", "bed", "nap", "insomnia"])),
        ("posture", stems(["posture", "sitting", "standing", "slouch", "chair", "desk"])),
        ("diet and supplements", stems(["diet", "food", "eat", "eating", "banana", "magnesium", "potassium", "calcium", "vitamin", "supplement", "supplements", "nutrition"])),
        ("chiropractic", stems(["chiropractor", "chiropractic", "manipulation", "adjustment"])),
        ("physiotherapy", stems(["physiotherapy", "physiotherapist", "physio"])),
        ("support belts and braces", stems(["belt", "brace", "tape", "taping", "kinesiology", "strap", "straps", "splint", "splints",
                                            "sleeve", "clasp", "bandage", "collar", "support", "supports"])),
        ("footwear", stems(["shoe", "shoes", "footwear", "heel", "heels", "insole", "insoles", "orthotic", "orthotics"])),
        ("surgery", stems(["surgery", "operation", "surgeon", "surgical"])),
        ("babies", stems(["baby", "babies", "newborn", "infant", "infants", "toddler", "child"])),
    ]

    // MARK: - Bylines and health articles

    /// Titles that show a name follows.
    static let personTitles: Set<String> = ["dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "nurse", "sister"]

    /// Words of an author biography.
    static let biographyPhrases = [
        "years of experience", "year of experience", "graduated", "degree in", "board-certified", "board certified",
        "specialises in", "specializes in", "specialising in", "specializing in", "is a licensed", "is a registered",
        "holds a", "her work", "his work", "their work", "has written", "writes about", "founder of", "co-founder",
        "practising", "practicing", "clinical experience", "qualified in", "member of the", "author of",
    ]

    /// How a byline starts when it is left in an answer.
    static let bylinePrefixes = [
        "medically reviewed by", "reviewed by", "written by", "fact checked by", "fact-checked by", "by dr", "author:",
        "reviewer:", "last updated", "updated on", "published on", "posted on", "posted by",
    ]

    /// Words of a health article: one of them in the title, summary, topics or headings is enough.
    static let healthStems = stems([
        "pain", "ache", "sore", "hurt", "spasm", "cramp", "strain", "sprain", "injury", "symptom", "muscle", "joint", "back",
        "neck", "knee", "ankle", "hip", "shoulder", "wrist", "elbow", "foot", "feet", "leg", "arm", "spine", "pelvis", "pelvic",
        "pregnancy", "pregnant", "postpartum", "birth", "sciatica", "nerve", "rehab", "rehabilitation", "physiotherapy",
        "exercise", "stretch", "treatment", "heal", "recovery", "condition", "disease", "health", "medicine", "swelling",
        "numbness", "tingling", "bone", "fracture", "tendon", "ligament", "arthritis", "posture", "therapy", "cramps",
        "headache", "breastfeeding", "labour", "labor", "surgery", "illness", "infection", "fever", "heat", "ice",
    ])

    /// Headings of sections that are not questions and need not be ("Key points", "References").
    static let ordinarySectionHeadings: [String] = [
        "key points", "key facts", "summary", "overview", "introduction", "references", "sources", "takeaway", "takeaways",
        "key takeaways", "the bottom line", "bottom line", "conclusion", "at a glance", "in brief", "in short", "quick answer",
        "faq", "faqs", "frequently asked questions", "related", "related articles", "further reading", "more information",
        "more help", "about this article", "glossary", "warning signs", "red flags", "when to get help", "when to seek help",
        "get help", "getting help", "urgent advice", "important", "disclaimer", "contents", "notes", "citations", "bibliography",
        "see also", "resources", "useful links", "support", "help and support", "in this article", "outlook", "takeaway",
        "summary and outlook", "prevention", "diagnosis", "treatment", "causes", "symptoms",
    ]

    /// Headings of a list of sources in the body.
    static let referenceHeadings: Set<String> = [
        "references", "sources", "citations", "bibliography", "footnotes", "notes", "further reading", "article sources",
        "sources and references", "references and sources", "source", "reference", "works cited", "studies cited",
        "article sources", "research sources", "medical sources", "scientific references",
    ]

    /// Button text that a scraper copies along with a page's reference list.
    static let referenceButtonPhrases = [
        "show references", "hide references", "show all references", "view references", "see references", "view all references",
        "show sources", "hide sources", "view sources", "show citations", "hide citations", "view citations", "expand references",
        "collapse references", "show more references", "toggle references", "trusted source", "see all sources", "view all sources",
        "show all sources", "how we reviewed this article", "read our editorial process",
    ]
}
