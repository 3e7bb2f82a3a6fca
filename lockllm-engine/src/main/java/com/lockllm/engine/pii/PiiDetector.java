package com.lockllm.engine.pii;

import com.lockllm.engine.normalize.VisibleText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds personal data with validated patterns: {@value PiiTypes#EMAIL}, {@value
 * PiiTypes#PHONE_NUMBER} (NANP, international with {@code +} or {@code 00}, national formats of
 * 22 regions validated by libphonenumber, and other grouped numbers when a phone word stands just
 * before), {@value PiiTypes#CREDIT_CARD} (13–19 digits, or 12 with a Maestro prefix; Luhn) and {@value PiiTypes#SOCIAL_SECURITY_NUMBER} (area, group and serial rules; bare nine
 * digits only after an SSN word). Entities never overlap: where candidates do, the longer one
 * wins, then the type listed first. Immutable and thread-safe.
 */
public final class PiiDetector {
  private static final Pattern PHONE_CONTEXT = Pattern.compile(
      "(?i)\\b(?:phone|tel|telephone|mobile|cell|call|fax|number|contact|reach|text|whatsapp|answering|dial)\\b");
  private static final Pattern SSN_CONTEXT =
      Pattern.compile("(?i)\\b(?:ssn|social security|social sec|ss#|ss no)");
  private static final int CONTEXT_CHARS = 30;

  private static final String STATES = "(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|"
      + "NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\\b";
  private static final java.util.Set<String> CITY_STOP = java.util.Set.of("Street", "Suite", "Apt", "Unit");

  // Where each pattern below can start (see Anchor). A pattern edited to start elsewhere needs its
  // anchor widened: AnchorTest and AnchorFuzzTest compare every recognizer with plain find.
  /** Two letters, then two digits. */
  private static final Anchor IBAN = Anchor.keyed(PiiDetector::digit, 2, (s, i) ->
      i + 3 < s.length() && asciiLetter(s.charAt(i)) && asciiLetter(s.charAt(i + 1))
          && digit(s.charAt(i + 3)));
  private static final Anchor ACCOUNT_WORDS =
      Anchor.words("account", "acct", "a/c", "bank account", "routing number");
  private static final Anchor TAX_WORDS =
      Anchor.words("ein", "tin", "itin", "tax", "employer identification number");
  private static final Anchor DOB_WORDS = Anchor.words("dob", "d.o.b", "date of birth", "birth", "born");
  private static final Anchor PASSWORD_WORDS = Anchor.words("pass", "pwd", "pin code");
  private static final Anchor USERNAME_WORDS = Anchor.words("user", "login", "handle", "screen name");
  private static final Anchor DL_WORDS = Anchor.words("driv", "dl");
  private static final Anchor ID_WORDS = Anchor.words("passport", "id", "national id");
  private static final Anchor EUROPEAN_STREET_WORDS = Anchor.casedWords("Via", "Rue", "Rua", "Calle",
      "Av", "Boulevard", "Bd", "Piazza", "Plaza", "Pra\u00e7a", "Strada", "Chemin", "All\u00e9e",
      "Corso", "Carrer", "ul.", "Ulica", "Camino", "Paseo", "Largo", "Travessa");
  private static final Anchor MILITARY_WORDS =
      Anchor.words("psc", "unit", "usns", "usnv", "uss", "uscgc");
  private static final Anchor BUILDING_WORDS = Anchor.casedWords(
      "Apt", "Apartment", "Suite", "Ste", "Unit", "Bldg", "Building", "Flat", "apt", "suite");
  /** Two upper-case letters (a state), or "zip" or "postal code" in any case. */
  private static final Anchor ZIP = Anchor.keyed(PiiDetector::upperAscii, 0,
          (s, i) -> i + 1 < s.length() && upperAscii(s.charAt(i + 1)))
      .or(Anchor.words("zip", "postal code"));
  /** A letter or digit with an {@code @} among the next 64 characters. */
  private static final Anchor EMAIL = Anchor.before('@', 64, c -> asciiLetter(c) || digit(c));
  private static final Anchor CARD = Anchor.chars(c -> c >= '1' && c <= '9');
  private static final Anchor MAESTRO = Anchor.chars(c -> c == '0' || c == '5' || c == '6');
  private static final Anchor NANP = Anchor.chars(c -> digit(c) || c == '+' || c == '(');
  private static final Anchor INTERNATIONAL = Anchor.chars(c -> c == '+' || c == '0');
  private static final Anchor GROUPED = Anchor.chars(c -> digit(c) || c == '(');

  // Order matters: among equally long overlapping candidates the one listed first wins, so the
  // context-gated values (account number, tax ID, ...) come before the generic number patterns.
  static final List<Recognizer> RECOGNIZERS = List.of(
      new PatternRecognizer(PiiTypes.ACCOUNT_NUMBER, IBAN, Pattern.compile(
          "(?<![A-Za-z0-9])(?:[A-Z]{2}|[a-z]{2})\\d{2}(?: ?(?:[A-Z0-9]{4}|[a-z0-9]{4})){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])"),
          (text, m) -> Validators.iban(m.group())),
      new PatternRecognizer(PiiTypes.ACCOUNT_NUMBER, ACCOUNT_WORDS, Pattern.compile(
          "(?i)\\b(?:account (?:number|no\\.?|#)|acct\\.? ?(?:no\\.?|#|number)?|a/c(?: no\\.?)?|bank account|routing number)"
              + "\\s*(?:is|:|#|=)?\\s*(?<v>\\d[\\d -]{4,20}\\d)(?![\\d])"),
          "v", (text, m) -> between(Validators.digits(m.group("v"), 0, m.group("v").length()), 6, 17)),
      new PatternRecognizer(PiiTypes.TAX_ID, TAX_WORDS, Pattern.compile(
          "(?i)\\b(?:ein|tin|itin|tax id(?:entification)?(?: number| no\\.?| #)?|tax number|employer identification number)"
              + "\\s*(?:is|:|#|=)?\\s*(?<v>\\d{2}-?\\d{7}|9\\d{2}-?[7-9]\\d-?\\d{4})(?![\\d-])"),
          "v", (text, m) -> true),
      new PatternRecognizer(PiiTypes.DATE_OF_BIRTH, DOB_WORDS, Pattern.compile(
          "(?i)\\b(?:dob|d\\.o\\.b\\.?|date of birth|birth ?date|born(?: on)?|birthday(?: is)?)\\s*(?:is|:|-|=|on)?\\s*"
              + "(?<v>(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}"
              + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.? \\d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\\d{2}"
              + "|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?,? (?:19|20)\\d{2}))"
              + "(?![\\d])"),
          "v", (text, m) -> true),
      new PatternRecognizer(PiiTypes.PASSWORD, PASSWORD_WORDS, Pattern.compile(
          "(?i)\\b(?:password|passwd|pwd|passcode|pass code|pin code|passphrase)\\s*(?:is|:|=|was)\\s*['\"]?(?<v>[^\\s'\"]{4,64}?)(?=['\"]?(?:[\\s,;]|\\.(?:\\s|$)|$))"),
          "v", (text, m) -> true),
      new PatternRecognizer(PiiTypes.USERNAME, USERNAME_WORDS, Pattern.compile(
          "(?i)\\b(?:username|user name|user id|userid|login(?: name| id)?|handle|screen name)\\s*(?:is|:|=)\\s*['\"]?(?<v>@?[A-Za-z0-9][A-Za-z0-9._-]{2,31})(?![A-Za-z0-9@])"),
          "v", (text, m) -> !m.group("v").equalsIgnoreCase("required")),
      new PatternRecognizer(PiiTypes.DRIVERS_LICENSE, DL_WORDS, Pattern.compile(
          "(?i)\\b(?:driver'?s? licen[cs]e|driving licen[cs]e|DL)(?: (?:number|no\\.?|#))?\\s*(?:is|:|#|=)?\\s*(?<v>[A-Z]{0,3}-?\\d[\\d-]{3,16}[A-Z0-9]?)(?![A-Za-z0-9])"),
          "v", (text, m) -> between(Validators.digits(m.group("v"), 0, m.group("v").length()), 5, 16)),
      new PatternRecognizer(PiiTypes.ID_CARD_NUMBER, ID_WORDS, Pattern.compile(
          "(?i)\\b(?:passport|id card|identity card|national id|id number|identification number)(?: (?:number|no\\.?|#))?\\s*(?:is|:|#|=)?\\s*(?<v>[A-Z]{0,3}\\d[A-Z0-9-]{4,16})(?![A-Za-z0-9])"),
          "v", (text, m) -> between(Validators.digits(m.group("v"), 0, m.group("v").length()), 5, 16)),
      new PatternRecognizer(PiiTypes.STREET_ADDRESS, Anchor.DIGIT, Pattern.compile(
          "(?<![\\w-])\\d{1,6}[A-Z]?(?: (?:[NSEW]\\.?|North|South|East|West))?(?: (?:\\p{Lu}[\\p{L}'.-]*|\\d{1,3}(?:st|nd|rd|th))){1,4} "
              + "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Circle|Cir|"
              + "Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Alley|Loop|Crescent|Plaza|Pike|Run|Ridge|Row|Path)\\b\\.?"
              + "(?: (?:NE|NW|SE|SW|N|S|E|W)\\b)?"),
          (text, m) -> true),
      // European-style addresses: a street word first ("Via Roma 131", "Rue de la Paix 5"), or a
      // compound street name ending in -straße, -weg, -laan, -vej, -katu ... followed by a number.
      new PatternRecognizer(PiiTypes.STREET_ADDRESS, Anchor.DIGIT.or(EUROPEAN_STREET_WORDS), Pattern.compile(
          "(?<![\\w-])(?:\\d{1,5} )?(?:Via|Viale|Rue|Rua|Calle|Avenida|Avenue|Av\\.|Boulevard|Bd|Piazza|Plaza|Pra\u00e7a|"
              + "Strada|Chemin|All\u00e9e|Corso|Carrer|ul\\.|Ulica|Camino|Paseo|Largo|Travessa)"
              + "(?: (?:\\p{Lu}[\\p{L}'.-]*|de|da|do|dos|das|del|della|di|la|le|les|du|des|el)){1,5}"
              + "(?:,? \\d{1,5}[A-Za-z]?)?(?![\\w])"),
          (text, m) -> Validators.digits(text, m.start(), m.end()) > 0),
      new PatternRecognizer(PiiTypes.STREET_ADDRESS, Anchor.UPPER_CASE, Pattern.compile(
          "(?<![\\w-])\\p{Lu}\\p{Ll}+(?:stra\u00dfe|strasse|weg|gasse|platz|allee|laan|straat|plein|gracht|vej|gade|"
              + "gatan|v\u00e4gen|katu|tie|veien|gata)(?: \\d{1,5}[A-Za-z]?)(?![\\w])"),
          (text, m) -> true),
      // US military mail: "PSC 6477, Box 2981 APO AE 83700", "Unit 6204 Box 9180 DPO AA 32754".
      new PatternRecognizer(PiiTypes.STREET_ADDRESS, MILITARY_WORDS, Pattern.compile(
          "(?i)\\b(?:PSC|Unit|USNS|USNV|USS|USCGC) [\\w ]{1,20}?,? Box \\d{1,5}(?:\\s+(?:APO|FPO|DPO) (?:AA|AE|AP)(?: \\d{5})?)?\\b"),
          (text, m) -> true),
      new PatternRecognizer(PiiTypes.BUILDING_NUMBER, BUILDING_WORDS, Pattern.compile(
          "\\b(?:Apt|Apartment|Suite|Ste|Unit|Bldg|Building|Flat|apt|suite)\\.? ?#? ?(?<v>\\d{1,5}[A-Z]?|[A-Z]\\d{0,4})\\b"),
          "v", (text, m) -> true),
      new PatternRecognizer(PiiTypes.ZIP_CODE, ZIP, Pattern.compile(
          "(?:\\b" + STATES + "|(?i:\\bzip(?: ?code)?|\\bpostal code)\\s*:?)\\s+(?<v>\\d{5}(?:-\\d{4})?)(?![\\d-])"),
          "v", (text, m) -> true),
      new PatternRecognizer(PiiTypes.CITY, Anchor.UPPER_CASE, Pattern.compile(
          "(?<v>\\p{Lu}[\\p{Ll}.'-]+(?: \\p{Lu}[\\p{Ll}.'-]+){0,2}),\\s*" + STATES + "(?:\\s+\\d{5}|[.,;]|\\s*$)"),
          "v", (text, m) -> !CITY_STOP.contains(m.group("v"))),
      new NameRecognizer(),
      new PatternRecognizer(PiiTypes.EMAIL, EMAIL, Pattern.compile(
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\\.)+"
              + "[A-Za-z]{2,24}(?![A-Za-z0-9-])"),
          (text, m) -> true),
      new PatternRecognizer(PiiTypes.CREDIT_CARD, CARD, Pattern.compile(
          "(?<![\\d.-])[1-9](?:[ -]?\\d){12,18}(?![\\d-])"),
          (text, m) -> cardNumber(text, m.start(), m.end())),
      // 12-digit Maestro: only with a Maestro prefix, since 12 digits alone pass Luhn one time in ten
      new PatternRecognizer(PiiTypes.CREDIT_CARD, MAESTRO, Pattern.compile(
          "(?<![\\d.-])(?:5018|5020|5038|5[6-8]\\d\\d|6304|6390|6759|676[1-3]|0604)(?:[ -]?\\d){8}(?![\\d-])"),
          (text, m) -> Validators.luhn(m.group())),
      new PatternRecognizer(PiiTypes.SOCIAL_SECURITY_NUMBER, Anchor.DIGIT, Pattern.compile(
          "(?<![\\d-])(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})(?![\\d-])"),
          (text, m) -> Validators.ssn(
                  Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                  Integer.parseInt(m.group(4)))
              && (!m.group(2).isEmpty() || near(SSN_CONTEXT, text, m.start()))),
      new PatternRecognizer(PiiTypes.PHONE_NUMBER, NANP, Pattern.compile(
          "(?<![\\w+])(?:(?:\\+|00)1[ .-]?|1[ .-])?(?:\\([2-9]\\d{2}\\)|[2-9]\\d{2})[ .-]?"
              + "[2-9]\\d{2}[ .-]?\\d{4}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,6})?(?![\\w-])"),
          (text, m) -> formatted(text, m.start(), m.end()) || near(PHONE_CONTEXT, text, m.start())),
      new PatternRecognizer(PiiTypes.PHONE_NUMBER, INTERNATIONAL, Pattern.compile(
          "(?<![\\w+])(?:\\+|00)[1-9]\\d{0,2}+(?:[ .-]?\\(?\\d{1,4}+\\)?){2,6}+(?![\\w-])"),
          (text, m) -> between(Validators.digits(text, m.start(), m.end())
              - (text.startsWith("00", m.start()) ? 2 : 0), 8, 15)),
      new PatternRecognizer(PiiTypes.PHONE_NUMBER, GROUPED, Pattern.compile(
          "(?<![\\w+.-])\\(?\\d{2,4}+\\)?(?:[ .-]\\d{2,4}+){1,4}+(?![\\w-])"),
          (text, m) -> between(Validators.digits(text, m.start(), m.end()), 7, 12)
              && near(PHONE_CONTEXT, text, m.start())),
      new PhoneRecognizer());

  private static final PiiDetector INSTANCE = new PiiDetector();

  private PiiDetector() {}

  public static PiiDetector create() {
    return INSTANCE;
  }

  /**
   * The entities in {@code text}, ordered by position, none overlapping another. The recognizers
   * read the {@link VisibleText visible text} (invisible characters removed, full-width forms,
   * digits of other scripts and look-alike letters folded), so a disguised e-mail or card number
   * is found; spans are those of {@code text} and cover every character removed or folded inside
   * the entity, so {@link #redact} leaves no trace of it.
   */
  public List<PiiEntity> detect(String text) {
    VisibleText visible = VisibleText.of(text);
    List<PiiEntity> found = detectVisible(visible.text());
    if (visible.unchanged() || found.isEmpty()) {
      return found;
    }
    List<PiiEntity> mapped = new ArrayList<>(found.size());
    for (PiiEntity e : found) {
      mapped.add(new PiiEntity(e.type(), visible.originalStart(e.start()), visible.originalEnd(e.end())));
    }
    return List.copyOf(mapped);
  }

  private List<PiiEntity> detectVisible(String text) {
    List<PiiEntity> candidates = new ArrayList<>();
    SearchText search = SearchText.of(text);
    for (Recognizer r : RECOGNIZERS) {
      r.find(search, candidates);
    }
    if (candidates.size() < 2) {
      return List.copyOf(candidates);
    }
    // The sort is stable, so among equally long candidates the earlier recognizer wins.
    candidates.sort(Comparator.comparingInt(e -> e.start() - e.end()));
    TreeMap<Integer, PiiEntity> kept = new TreeMap<>();
    for (PiiEntity e : candidates) {
      Map.Entry<Integer, PiiEntity> before = kept.floorEntry(e.start());
      Map.Entry<Integer, PiiEntity> after = kept.ceilingEntry(e.start());
      if ((before == null || before.getValue().end() <= e.start())
          && (after == null || after.getKey() >= e.end())) {
        kept.put(e.start(), e);
      }
    }
    return List.copyOf(kept.values());
  }

  /** {@code text} with each entity replaced by its {@link PiiEntity#placeholder() placeholder}. */
  public static String redact(String text, List<PiiEntity> entities) {
    if (entities.isEmpty()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int at = 0;
    for (PiiEntity e : entities) {
      b.append(text, at, e.start()).append(e.placeholder());
      at = e.end();
    }
    return b.append(text, at, text.length()).toString();
  }

  private static boolean cardNumber(String text, int start, int end) {
    int digits = Validators.digits(text, start, end);
    if (!between(digits, 13, 19) || !Validators.luhn(text.subSequence(start, end))) {
      return false;
    }
    char first = text.charAt(start);
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' && c != first) {
        return true;
      }
    }
    return false;
  }

  /** Whether a phone number carries punctuation or a country prefix, as written numbers do. */
  private static boolean formatted(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return true;
      }
    }
    return false;
  }

  /** Whether a phone word stands in the 30 characters before {@code start}. */
  static boolean nearPhoneWord(String text, int start) {
    return near(PHONE_CONTEXT, text, start);
  }

  private static boolean near(Pattern context, String text, int start) {
    return context.matcher(text).region(Math.max(0, start - CONTEXT_CHARS), start).find();
  }

  private static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean upperAscii(int c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean asciiLetter(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean between(int n, int min, int max) {
    return n >= min && n <= max;
  }
}
