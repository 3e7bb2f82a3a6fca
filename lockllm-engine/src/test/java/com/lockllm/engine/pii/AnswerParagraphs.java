package com.lockllm.engine.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Answer-like paragraphs with labelled personal data and unlabelled hard negatives, from a seeded
 * {@link Random}. Each paragraph is two to four sentences of an assistant handling a customer
 * record, with an item after each sentence (probability 2/3): personal data (55 %) or a look-alike
 * (45 %). Personal data: e-mail addresses; phone numbers in US, UK, German, French, Australian and
 * Indian formats, national and international; Luhn-valid Visa, Mastercard, Amex and Discover numbers
 * (spaced, dashed or bare); SSNs (dashed, spaced, or bare after an SSN word); IBANs of five countries
 * with correct check digits (grouped or bare); US street addresses (with city, state and ZIP half of
 * the time) and European ones; first and last names after a cue, as a pair, after a title, or a
 * first name alone. Look-alikes: version and build numbers, order, ticket and tracking numbers,
 * dates and timestamps, prices, ISBN-13s, millisecond epochs, code, IP addresses, colours, UUIDs,
 * Luhn-invalid card numbers, SSNs with an area never issued, product names in capitals.
 */
final class AnswerParagraphs {
  static final List<String> TYPES = List.of("EMAIL", "PHONE_NUMBER", "CREDIT_CARD", "SOCIAL_SECURITY_NUMBER", "ACCOUNT_NUMBER",
      "STREET_ADDRESS", "CITY", "ZIP_CODE", "FIRST_NAME", "LAST_NAME");

  /** A labelled span. */
  record Label(String type, int start, int end) {}

  /** One paragraph and its labels. */
  record Answer(String text, List<Label> labels) {}

  /** A value to label with a type, inside an item's text. */
  private record Value(String type, String text) {}

  private static final String[] PROSE = {
      "Here is the customer record you asked for.",
      "I have updated the shipping details as requested.",
      "Let me know if anything else needs to change.",
      "The summary below lists what I found in the ticket.",
      "According to the CRM, the account was opened two years ago.",
      "Refunds usually take 3 to 5 business days to appear.",
      "I could not find a second contact for this customer.",
      "The previous agent left a note on the case.",
      "Please double-check these details before you send the letter.",
  };
  private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
      "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel",
      "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Steven", "Ashley", "Andrew", "Emily", "Kevin", "Michelle", "Brian", "Amanda"};
  private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
      "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Thompson",
      "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Nguyen", "Baker", "Carter", "Mitchell", "Roberts"};
  private static final String[] DOMAINS = {"example.com", "mail.example.org", "acme-corp.io", "gmail.com", "outlook.com", "company.co.uk"};
  private static final String[] US_AREAS = {"212", "415", "312", "617", "206", "303", "512", "646", "718", "404"};
  private static final String[] STREETS = {"Main", "Oak", "Maple", "Cedar", "Elm", "Pine", "Lake", "Hill", "Washington", "Lincoln",
      "Sunset", "Highland", "Evergreen", "Jefferson", "Madison"};
  private static final String[] SUFFIXES = {"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Drive",
      "Court", "Way", "Place", "Terrace"};
  private static final String[] CITIES = {"Springfield", "Portland", "Austin", "Denver", "Boston", "Seattle", "Chicago", "Phoenix",
      "Columbus", "San Diego"};
  private static final String[] STATES = {"IL", "OR", "TX", "CO", "MA", "WA", "IL", "AZ", "OH", "CA"};
  private static final String[] EUROPEAN = {"Hauptstraße %d", "Via Roma %d", "Rue de la Paix %d", "Calle Mayor %d", "Keizersgracht %d",
      "Storgatan %d"};
  private static final String[] PRODUCTS = {"Open Visual Studio Code and run the build task.", "The events land in Apache Kafka first.",
      "Deploy it on Google Cloud Run.", "Ask Customer Support if the export fails.", "Read the Spring Boot guide on profiles.",
      "The Grand Canyon tour was rebooked.", "Microsoft Teams shows the meeting link."};

  private final Random random;

  AnswerParagraphs(long seed) {
    this.random = new Random(seed);
  }

  List<Answer> answers(int count) {
    List<Answer> answers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      answers.add(answer());
    }
    return answers;
  }

  private Answer answer() {
    StringBuilder text = new StringBuilder();
    List<Label> labels = new ArrayList<>();
    int sentences = 2 + random.nextInt(3);
    for (int s = 0; s < sentences; s++) {
      text.append(pick(PROSE)).append(' ');
      if (random.nextInt(3) > 0) {
        if (random.nextInt(100) < 55) {
          put(text, labels, personalData());
        } else {
          text.append(negative()).append(' ');
        }
      }
    }
    return new Answer(text.toString(), labels);
  }

  /** Appends the parts (strings as they are, {@link Value}s labelled) and a space. */
  private static void put(StringBuilder text, List<Label> labels, Object[] parts) {
    for (Object part : parts) {
      if (part instanceof Value v) {
        labels.add(new Label(v.type(), text.length(), text.length() + v.text().length()));
        text.append(v.text());
      } else {
        text.append(part);
      }
    }
    text.append(' ');
  }

  private Object[] personalData() {
    return switch (random.nextInt(8)) {
      case 0 -> email();
      case 1 -> phone();
      case 2 -> card();
      case 3 -> ssn();
      case 4 -> iban();
      case 5 -> address();
      default -> name();
    };
  }

  private Object[] email() {
    String first = pick(FIRST).toLowerCase(Locale.ROOT);
    String last = pick(LAST).toLowerCase(Locale.ROOT);
    String local = switch (random.nextInt(3)) {
      case 0 -> first + "." + last;
      case 1 -> first.charAt(0) + last;
      default -> first + "_" + last + random.nextInt(100);
    };
    Value email = new Value("EMAIL", local + "@" + pick(DOMAINS));
    return switch (random.nextInt(5)) {
      case 0 -> new Object[] {"You can reach her at ", email, " for follow-ups."};
      case 1 -> new Object[] {"Email: ", email};
      case 2 -> new Object[] {"Reply-To: <", email, ">"};
      case 3 -> new Object[] {"Send the signed form to `", email, "`."};
      default -> new Object[] {"The contact on file is ", email, ", verified last month."};
    };
  }

  private Object[] phone() {
    String area = pick(US_AREAS);
    String exchange = (2 + random.nextInt(8)) + digits(2);
    String line = digits(4);
    String number = switch (random.nextInt(16)) {
      case 0 -> "(" + area + ") " + exchange + "-" + line;
      case 1 -> area + "-" + exchange + "-" + line;
      case 2 -> "+1 " + area + " " + exchange + " " + line;
      case 3 -> area + "." + exchange + "." + line;
      case 4 -> "+44 20 7" + digits(3) + " " + digits(4);
      case 5 -> "020 7" + digits(3) + " " + digits(4);
      case 6 -> "074" + pick(new String[] {"0", "1", "2", "3", "4", "6", "7", "8", "9"}) + digits(1) + " " + digits(6);
      case 7 -> "+49 30 " + digits(4) + " " + digits(4);
      case 8 -> "030 " + digits(4) + " " + digits(4);
      case 9 -> "+33 1 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
      case 10 -> "01 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
      case 11 -> "06." + digits(2) + "." + digits(2) + "." + digits(2) + "." + digits(2);
      case 12 -> "+61 2 9" + digits(3) + " " + digits(4);
      case 13 -> "(02) 9" + digits(3) + " " + digits(4);
      case 14 -> "+91 9" + digits(4) + " " + digits(5);
      default -> "+1-" + area + "-" + exchange + "-" + line;
    };
    Value phone = new Value("PHONE_NUMBER", number);
    return switch (random.nextInt(5)) {
      case 0 -> new Object[] {"Call ", phone, " during office hours."};
      case 1 -> new Object[] {"Phone: ", phone};
      case 2 -> new Object[] {"Her mobile number is ", phone, "."};
      case 3 -> new Object[] {"\n- Tel: ", phone, "\n"};
      default -> new Object[] {"They are reachable on ", phone, " until Friday."};
    };
  }

  private Object[] card() {
    Value card = new Value("CREDIT_CARD", formatCard(cardNumber()));
    return cardContext(card);
  }

  private Object[] cardContext(Object card) {
    return switch (random.nextInt(4)) {
      case 0 -> new Object[] {"The card on file is ", card, "."};
      case 1 -> new Object[] {"Card: ", card, " (exp 08/27)"};
      case 2 -> new Object[] {"I charged ", card, " for the renewal."};
      default -> new Object[] {"Payment method `", card, "`."};
    };
  }

  private String cardNumber() {
    return switch (random.nextInt(4)) {
      case 0 -> luhnValid("4", 16);
      case 1 -> luhnValid("5" + (1 + random.nextInt(5)), 16);
      case 2 -> luhnValid("3" + (random.nextBoolean() ? "4" : "7"), 15);
      default -> luhnValid("6011", 16);
    };
  }

  private String formatCard(String digits) {
    int style = random.nextInt(3);
    if (style == 2) {
      return digits;
    }
    String separator = style == 0 ? " " : "-";
    int[] groups = digits.length() == 15 ? new int[] {4, 6, 5} : new int[] {4, 4, 4, 4};
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int g : groups) {
      out.append(at == 0 ? "" : separator).append(digits, at, at + g);
      at += g;
    }
    return out.toString();
  }

  private String luhnValid(String prefix, int length) {
    String body = prefix + digits(length - prefix.length() - 1);
    for (int check = 0; check < 10; check++) {
      if (Validators.luhn(body + check)) {
        return body + check;
      }
    }
    throw new AssertionError("no Luhn check digit");
  }

  private Object[] ssn() {
    int area = 1 + random.nextInt(898);
    if (area == 666) {
      area = 665;
    }
    int group = 1 + random.nextInt(99);
    int serial = 1 + random.nextInt(9999);
    int style = random.nextInt(4);
    String number = style == 3 ? String.format(Locale.ROOT, "%03d%02d%04d", area, group, serial)
        : String.format(Locale.ROOT, style == 2 ? "%03d %02d %04d" : "%03d-%02d-%04d", area, group, serial);
    Value ssn = new Value("SOCIAL_SECURITY_NUMBER", number);
    if (style == 3) {
      return new Object[] {"SSN ", ssn, " was verified."};
    }
    return switch (random.nextInt(3)) {
      case 0 -> new Object[] {"SSN: ", ssn};
      case 1 -> new Object[] {"Her social security number is ", ssn, "."};
      default -> new Object[] {"The application lists ", ssn, " as the SSN."};
    };
  }

  private Object[] iban() {
    String[] countries = {"DE", "GB", "NL", "FR", "ES"};
    String country = pick(countries);
    String bban = switch (country) {
      case "DE" -> digits(18);
      case "GB" -> letters(4) + digits(14);
      case "NL" -> letters(4) + digits(10);
      case "FR" -> digits(10) + digits(11) + digits(2);
      default -> digits(20);
    };
    String compact = country + checkDigits(country, bban) + bban;
    String iban = random.nextBoolean() ? compact : compact.replaceAll("(.{4})(?!$)", "$1 ");
    Value value = new Value("ACCOUNT_NUMBER", iban);
    return switch (random.nextInt(3)) {
      case 0 -> new Object[] {"IBAN: ", value};
      case 1 -> new Object[] {"Please transfer the refund to ", value, "."};
      default -> new Object[] {"Bank details (IBAN ", value, ", BIC DEUTDEFF)."};
    };
  }

  private static String checkDigits(String country, String bban) {
    String rearranged = bban + country + "00";
    int mod = 0;
    for (char c : rearranged.toCharArray()) {
      mod = Character.isDigit(c) ? (mod * 10 + (c - '0')) % 97 : (mod * 100 + (c - 'A' + 10)) % 97;
    }
    return String.format(Locale.ROOT, "%02d", 98 - mod);
  }

  private Object[] address() {
    if (random.nextInt(4) == 0) {
      Value street = new Value("STREET_ADDRESS", String.format(Locale.ROOT, pick(EUROPEAN), 1 + random.nextInt(200)));
      return new Object[] {"Ship it to ", street, "."};
    }
    Value street = new Value("STREET_ADDRESS", (1 + random.nextInt(9999)) + " " + pick(STREETS) + " " + pick(SUFFIXES));
    Object[] where = {street};
    if (random.nextBoolean()) {
      int city = random.nextInt(CITIES.length);
      where = new Object[] {street, ", ", new Value("CITY", CITIES[city]), ", " + STATES[city] + " ",
          new Value("ZIP_CODE", String.format(Locale.ROOT, "%05d", 10000 + random.nextInt(89999)))};
    }
    return switch (random.nextInt(3)) {
      case 0 -> concat(new Object[] {"Ship it to "}, where, new Object[] {"."});
      case 1 -> concat(new Object[] {"\nAddress: "}, where, new Object[] {"\n"});
      default -> concat(new Object[] {"She moved to "}, where, new Object[] {" last spring."});
    };
  }

  private Object[] name() {
    Value first = new Value("FIRST_NAME", pick(FIRST));
    Value last = new Value("LAST_NAME", pick(LAST));
    return switch (random.nextInt(6)) {
      case 0 -> new Object[] {"Dear ", first, " ", last, ","};
      case 1 -> new Object[] {"The account holder is ", first, " ", last, "."};
      case 2 -> new Object[] {"Regards,\n", first, " ", last, "\n"};
      case 3 -> new Object[] {"Mr. ", last, " called yesterday about the refund."};
      case 4 -> new Object[] {"Please ask ", first, " ", last, " to confirm."};
      default -> new Object[] {first, " will send the signed copy."};
    };
  }

  private String negative() {
    List<Supplier<String>> negatives = List.of(
        () -> "Upgrade to version " + random.nextInt(20) + "." + random.nextInt(30) + "." + random.nextInt(100) + " first.",
        () -> "Released in v" + random.nextInt(5) + "." + random.nextInt(20) + "." + random.nextInt(40) + "-beta." + random.nextInt(9) + ".",
        () -> "It needs Windows build 10.0." + (19000 + random.nextInt(4000)) + "." + random.nextInt(4000) + ".",
        () -> "Order #" + (1 + random.nextInt(9)) + digits(6 + random.nextInt(4)) + " has shipped.",
        () -> "Your order number is ORD-2024-" + digits(5) + ".",
        () -> "Ticket INC" + digits(7) + " was closed.",
        () -> "Tracking: 1Z " + digits(3) + " AA1 " + digits(2) + " " + digits(4) + " " + digits(3) + ".",
        () -> "The invoice is dated " + (2015 + random.nextInt(10)) + "-" + twoDigits(1, 12) + "-" + twoDigits(1, 28) + ".",
        () -> "Delivered on " + twoDigits(1, 28) + "/" + twoDigits(1, 12) + "/" + (2015 + random.nextInt(10)) + ".",
        () -> "Created at " + (2015 + random.nextInt(10)) + "-" + twoDigits(1, 12) + "-" + twoDigits(1, 28) + "T" + twoDigits(0, 23) + ":"
            + twoDigits(0, 59) + ":" + twoDigits(0, 59) + "Z.",
        () -> "The plan costs $" + (1 + random.nextInt(9)) + "," + digits(3) + "." + digits(2) + " a year.",
        () -> "The total was EUR " + (1 + random.nextInt(99)) + " " + digits(3) + ".00 including VAT.",
        () -> "The book is ISBN " + isbn13() + ".",
        () -> "The export ran at epoch " + (1_600_000_000_000L + (long) (random.nextDouble() * 200_000_000_000L)) + " ms.",
        () -> "Use `for (int i = 0; i < " + (10 + random.nextInt(990)) + "; i++) { total += prices[i]; }` here.",
        () -> "Call `Thread.sleep(" + (30_000 + random.nextInt(3_570_000)) + ");` before retrying.",
        () -> "Run `SELECT * FROM orders WHERE id = " + digits(8) + ";` to check.",
        () -> "The server listens on 10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + ":" + (1024 + random.nextInt(60000)) + ".",
        () -> "The brand colour is `#" + String.format(Locale.ROOT, "%06x", random.nextInt(1 << 24)) + "`.",
        () -> "Request id " + new UUID(random.nextLong(), random.nextLong()) + ".",
        () -> "The card ending in " + digits(4) + " was declined, and " + formatCard(luhnInvalid()) + " is not a valid card number.",
        () -> "Reference " + (900 + random.nextInt(100)) + "-" + digits(2) + "-" + digits(4) + " is an internal code.",
        () -> "Version " + random.nextInt(10) + "." + random.nextInt(10) + " supports " + (1 + random.nextInt(64)) + " threads.",
        () -> pick(PRODUCTS));
    return negatives.get(random.nextInt(negatives.size())).get();
  }

  private String luhnInvalid() {
    String valid = cardNumber();
    int last = valid.charAt(valid.length() - 1) - '0';
    return valid.substring(0, valid.length() - 1) + (last + 1 + random.nextInt(9)) % 10;
  }

  private String isbn13() {
    String body = (random.nextBoolean() ? "978" : "979") + digits(9);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    String isbn = body + (10 - sum % 10) % 10;
    return random.nextBoolean() ? isbn
        : isbn.substring(0, 3) + "-" + isbn.charAt(3) + "-" + isbn.substring(4, 6) + "-" + isbn.substring(6, 12) + "-" + isbn.charAt(12);
  }

  private String digits(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  private String letters(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('A' + random.nextInt(26)));
    }
    return b.toString();
  }

  private String twoDigits(int min, int max) {
    return String.format(Locale.ROOT, "%02d", min + random.nextInt(max - min + 1));
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static Object[] concat(Object[]... parts) {
    List<Object> all = new ArrayList<>();
    for (Object[] part : parts) {
      all.addAll(List.of(part));
    }
    return all.toArray();
  }
}
