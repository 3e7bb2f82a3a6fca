package com.lockllm.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.lockllm.engine.pii.PiiDetector;
import com.lockllm.engine.pii.PiiEntity;
import com.lockllm.engine.pii.PiiTypes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of all 17 entity types on a generated set: {@value #ROWS} sentences from a
 * fixed seed, each a template (a LockLLM entity in typical wording, or a near-miss sentence with
 * no entity) filled with random values whose spans are known. Cards are Luhn-valid, IBANs
 * (GB, DE) carry correct mod-97 check digits, SSNs follow the area/group/serial rules, phone numbers
 * use real US area codes, London and Berlin numbering. A gold entity is found when a prediction of
 * its type overlaps it; a prediction is right when it overlaps a gold entity of its type. Writes
 * target/eval/pii-templates.md and fails below the measured floors.
 */
class PiiTemplateEvaluationTest {
  static final int ROWS = 6000;
  private static final long SEED = 20261124L;
  private static final Path OUT = Paths.get("target", "eval");

  private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer",
      "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph",
      "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony",
      "Betty", "Mark", "Margaret", "Donald", "Sandra", "Steven", "Ashley", "Paul", "Kimberly", "Andrew",
      "Emily", "Joshua", "Donna", "Kenneth", "Michelle", "Kevin", "Carol", "Brian", "Amanda", "George"};
  private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
      "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson",
      "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
      "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
      "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker"};
  private static final String[] STREET = {"Main", "Oak", "Maple", "Washington", "Park", "Elm", "Lake",
      "Hill", "Cedar", "Pine", "Lincoln", "Sunset", "Jefferson", "Highland", "Madison", "Church"};
  private static final String[] SUFFIX = {"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard",
      "Blvd", "Lane", "Ln", "Drive", "Dr", "Court", "Way", "Place"};
  private static final String[] CITY = {"Springfield", "Portland", "Austin", "Denver", "Boston",
      "Seattle", "Chicago", "Phoenix", "Columbus", "Madison", "San Diego", "New York", "Salt Lake City"};
  private static final String[] STATE = {"CA", "NY", "TX", "WA", "IL", "OR", "CO", "MA", "OH", "AZ"};
  private static final String[] AREA = {"212", "415", "312", "617", "206", "303", "512", "646", "718",
      "404", "213", "305", "702", "919"};
  private static final String[] MONTH = {"January", "February", "March", "April", "May", "June",
      "July", "August", "September", "October", "November", "December"};
  private static final String[] NEGATIVE = {
    "The meeting moved to March 3, 2024 at 10:00 in room 204.",
    "Order #48213 shipped from the warehouse on 2023-11-02.",
    "Version 2.3.1 fixes 14 bugs; see ticket 88123.",
    "We sold 1,234,567 units in 2022 and 1,502,331 in 2023.",
    "Young people in the Park often read Page Six.",
    "Please reset the password policy for all users.",
    "The login page returns error 40312 when the session expires.",
    "Invoice 4111111111111112 is overdue by 30 days.",
    "The train leaves at 17:45 from platform 9 and arrives at 21:10.",
    "Grant Street Capital raised 25 million in its series B.",
    "Read chapter 12, pages 301-355, before Friday.",
    "The temperature was 72 degrees with 45 percent humidity.",
    "Call the help desk if the username field is empty.",
    "Dear team, the sprint review is moved to Thursday.",
    "I am happy with the results of test 12345.",
    "Tracking code 1Z 999 AA1 0123 4567 84 is in transit.",
    "The recipe needs 250 grams of flour and 3 eggs.",
    "Washington signed the bill in 1789.",
    "Our account team will contact you next week.",
    "Born to run was released in 1975."};

  private record Gold(String type, int start, int end) {}

  private final Random random = new Random(SEED);

  @Test
  void measuresAllTypesOnGeneratedSentences() throws IOException {
    Map<String, long[]> counts = new TreeMap<>();
    PiiDetector detector = PiiDetector.create();
    Map<String, Integer> misses = new TreeMap<>();
    for (int i = 0; i < ROWS; i++) {
      List<Gold> gold = new ArrayList<>();
      String text = sentence(i, gold);
      List<PiiEntity> found = detector.detect(text);
      for (Gold g : gold) {
        long[] c = counts.computeIfAbsent(g.type(), k -> new long[4]);
        c[0]++;
        c[1] += found.stream().anyMatch(f -> f.type().equals(g.type()) && f.start() < g.end() && g.start() < f.end()) ? 1 : 0;
      }
      for (PiiEntity f : found) {
        long[] c = counts.computeIfAbsent(f.type(), k -> new long[4]);
        c[2]++;
        boolean right = gold.stream().anyMatch(g -> f.type().equals(g.type()) && f.start() < g.end() && g.start() < f.end());
        c[3] += right ? 1 : 0;
        if (!right && misses.merge(f.type(), 1, Integer::sum) <= 3) {
          System.out.println("false " + f.type() + ": '" + text.substring(f.start(), f.end()) + "' in " + text);
        }
      }
      for (Gold g : gold) {
        if (found.stream().noneMatch(f -> f.type().equals(g.type()) && f.start() < g.end() && g.start() < f.end())
            && misses.merge("miss " + g.type(), 1, Integer::sum) <= 3) {
          System.out.println("missed " + g.type() + ": '" + text.substring(g.start(), g.end()) + "' in " + text);
        }
      }
    }
    StringBuilder md = new StringBuilder(
        "| type | entities | recall | predicted | precision | F1 |\n|---|---|---|---|---|---|\n");
    counts.forEach((type, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% | %d | %.2f%% | %.3f |%n",
        type, c[0], 100.0 * recall(c), c[2], 100.0 * precision(c), f1(c))));
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("pii-templates.md"), md.toString());
    System.out.println(md);
    assertThat(counts).hasSize(17);
    for (String t : List.of(PiiTypes.EMAIL, PiiTypes.CREDIT_CARD, PiiTypes.SOCIAL_SECURITY_NUMBER,
        PiiTypes.PHONE_NUMBER, PiiTypes.ACCOUNT_NUMBER)) {
      assertThat(precision(counts.get(t))).as(t + " precision").isGreaterThanOrEqualTo(0.99);
      assertThat(recall(counts.get(t))).as(t + " recall").isGreaterThanOrEqualTo(0.98);
    }
  }

  static double recall(long[] c) {
    return c[0] == 0 ? 0 : (double) c[1] / c[0];
  }

  static double precision(long[] c) {
    return c[2] == 0 ? 0 : (double) c[3] / c[2];
  }

  static double f1(long[] c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Builds sentence {@code i}: template chosen round-robin, values at random. */
  private String sentence(int i, List<Gold> gold) {
    S s = new S(gold);
    switch (i % 24) {
      case 0 -> s.t("My name is ").e(PiiTypes.FIRST_NAME, pick(FIRST)).t(" ").e(PiiTypes.LAST_NAME, pick(LAST)).t(".");
      case 1 -> s.t("Dear ").e(PiiTypes.FIRST_NAME, pick(FIRST)).t(", thanks for your order.");
      case 2 -> s.t("Please forward the contract to ").e(PiiTypes.FIRST_NAME, pick(FIRST)).t(" ")
          .e(PiiTypes.LAST_NAME, pick(LAST)).t(" before Monday.");
      case 3 -> s.t("Mr. ").e(PiiTypes.LAST_NAME, pick(LAST)).t(" will call you back tomorrow.");
      case 4 -> s.t(pick("My date of birth is ", "DOB: ", "I was born on ")).e(PiiTypes.DATE_OF_BIRTH, date()).t(".");
      case 5 -> s.t(pick("My username is ", "login: ", "Username: ")).e(PiiTypes.USERNAME, username()).t(" if you need it.");
      case 6 -> s.t("Send the report to ").e(PiiTypes.EMAIL, email()).t(" please.");
      case 7 -> s.t(pick("Call me at ", "My phone number is ", "Reach the office on ")).e(PiiTypes.PHONE_NUMBER, phone()).t(".");
      case 8 -> s.t("I live at ").e(PiiTypes.STREET_ADDRESS, street()).t(", ").e(PiiTypes.CITY, pick(CITY))
          .t(", " + pick(STATE) + " ").e(PiiTypes.ZIP_CODE, zip()).t(".");
      case 9 -> s.t("Ship it to ").e(PiiTypes.STREET_ADDRESS, street()).t(", Apt ")
          .e(PiiTypes.BUILDING_NUMBER, String.valueOf(1 + random.nextInt(999))).t(" by Friday.");
      case 10 -> s.t("The office is in Suite ").e(PiiTypes.BUILDING_NUMBER, String.valueOf(100 + random.nextInt(900)))
          .t(", ").e(PiiTypes.CITY, pick(CITY)).t(", " + pick(STATE) + ".");
      case 11 -> s.t(pick("Charge my card ", "Card number: ", "Use ")).e(PiiTypes.CREDIT_CARD, card()).t(" for the order.");
      case 12 -> s.t(pick("Wire it to IBAN ", "My IBAN is ", "Pay into ")).e(PiiTypes.ACCOUNT_NUMBER, iban()).t(".");
      case 13 -> s.t(pick("My account number is ", "Acct # ")).e(PiiTypes.ACCOUNT_NUMBER, digits(8 + random.nextInt(5))).t(" at the bank.");
      case 14 -> s.t(pick("Our EIN is ", "Tax ID: ")).e(PiiTypes.TAX_ID, digits(2) + "-" + digits(7)).t(".");
      case 15 -> s.t(pick("My SSN is ", "SSN: ", "social security number ")).e(PiiTypes.SOCIAL_SECURITY_NUMBER, ssn()).t(".");
      case 16 -> s.t(pick("My driver's license number is ", "Driver license: ", "DL# "))
          .e(PiiTypes.DRIVERS_LICENSE, (char) ('A' + random.nextInt(26)) + digits(7)).t(".");
      case 17 -> s.t(pick("My passport number is ", "ID card number: ", "Passport "))
          .e(PiiTypes.ID_CARD_NUMBER, (char) ('A' + random.nextInt(26)) + digits(8)).t(".");
      case 18 -> s.t(pick("My password is ", "password: ", "pwd=")).e(PiiTypes.PASSWORD, password()).t(" so log in.");
      case 19 -> s.t("Hi, I'm ").e(PiiTypes.FIRST_NAME, pick(FIRST)).t(" from ").e(PiiTypes.CITY, pick(CITY))
          .t(", " + pick(STATE) + ", and my email is ").e(PiiTypes.EMAIL, email()).t(".");
      case 20 -> s.t("Contact ").e(PiiTypes.FIRST_NAME, pick(FIRST)).t(" ").e(PiiTypes.LAST_NAME, pick(LAST))
          .t(" at ").e(PiiTypes.PHONE_NUMBER, phone()).t(" or ").e(PiiTypes.EMAIL, email()).t(".");
      case 21 -> s.t("Zip code ").e(PiiTypes.ZIP_CODE, zip()).t(" is outside our delivery area.");
      default -> s.t(pick(NEGATIVE));
    }
    return s.b.toString();
  }

  private final class S {
    final StringBuilder b = new StringBuilder();
    final List<Gold> gold;

    S(List<Gold> gold) {
      this.gold = gold;
    }

    S t(String text) {
      b.append(text);
      return this;
    }

    S e(String type, String value) {
      gold.add(new Gold(type, b.length(), b.length() + value.length()));
      b.append(value);
      return this;
    }
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }

  private String digits(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + (i == 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
    }
    return b.toString();
  }

  private String date() {
    int year = 1940 + random.nextInt(65);
    int month = 1 + random.nextInt(12);
    int day = 1 + random.nextInt(28);
    return switch (random.nextInt(3)) {
      case 0 -> String.format(Locale.ROOT, "%02d/%02d/%d", month, day, year);
      case 1 -> String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
      default -> MONTH[month - 1] + " " + day + ", " + year;
    };
  }

  private String username() {
    return pick(FIRST).toLowerCase(Locale.ROOT) + pick("_", ".", "") + pick(LAST).toLowerCase(Locale.ROOT)
        + random.nextInt(100);
  }

  private String email() {
    return pick(FIRST).toLowerCase(Locale.ROOT) + "." + pick(LAST).toLowerCase(Locale.ROOT)
        + pick("", String.valueOf(random.nextInt(100))) + "@" + pick("example.com", "mail.org", "corp.co.uk", "uni.edu");
  }

  private String phone() {
    String area = pick(AREA);
    String exchange = (2 + random.nextInt(8)) + digits(2).substring(0, 2);
    while (exchange.endsWith("11") || exchange.equals("555")) {
      exchange = (2 + random.nextInt(8)) + digits(2);
    }
    String line = String.format(Locale.ROOT, "%04d", random.nextInt(10000));
    return switch (random.nextInt(6)) {
      case 0 -> "(" + area + ") " + exchange + "-" + line;
      case 1 -> area + "-" + exchange + "-" + line;
      case 2 -> area + "." + exchange + "." + line;
      case 3 -> "+1 " + area + " " + exchange + " " + line;
      case 4 -> "+44 20 7" + digits(3).substring(0, 3) + " " + String.format(Locale.ROOT, "%04d", random.nextInt(10000));
      default -> "+49 30 " + digits(8);
    };
  }

  private String street() {
    return (1 + random.nextInt(9999)) + " " + pick(STREET) + " " + pick(SUFFIX);
  }

  private String zip() {
    String z = String.format(Locale.ROOT, "%05d", 1000 + random.nextInt(98000));
    return random.nextInt(4) == 0 ? z + "-" + String.format(Locale.ROOT, "%04d", random.nextInt(10000)) : z;
  }

  private String card() {
    String prefix = pick("4", "51", "52", "55", "37", "6011");
    int length = prefix.equals("37") ? 15 : 16;
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < length - 1) {
      b.append(random.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      if (luhn(b + String.valueOf(check))) {
        b.append(check);
        break;
      }
    }
    String n = b.toString();
    return switch (random.nextInt(3)) {
      case 0 -> n;
      case 1 -> length == 16 ? n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8, 12) + " " + n.substring(12)
          : n.substring(0, 4) + " " + n.substring(4, 10) + " " + n.substring(10);
      default -> length == 16 ? n.substring(0, 4) + "-" + n.substring(4, 8) + "-" + n.substring(8, 12) + "-" + n.substring(12)
          : n.substring(0, 4) + "-" + n.substring(4, 10) + "-" + n.substring(10);
    };
  }

  private static boolean luhn(String n) {
    int sum = 0;
    for (int i = 0; i < n.length(); i++) {
      int d = n.charAt(n.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  private String iban() {
    String country = pick("GB", "DE");
    String bban;
    if (country.equals("GB")) {
      StringBuilder bank = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        bank.append((char) ('A' + random.nextInt(26)));
      }
      bban = bank + digits(6) + digits(8);
    } else {
      bban = digits(8) + digits(10);
    }
    StringBuilder numeric = new StringBuilder();
    for (char c : (bban + country + "00").toCharArray()) {
      numeric.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
    }
    int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    String iban = country + String.format(Locale.ROOT, "%02d", check) + bban;
    if (random.nextBoolean()) {
      StringBuilder spaced = new StringBuilder();
      for (int i = 0; i < iban.length(); i += 4) {
        spaced.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
      }
      return spaced.toString();
    }
    return iban;
  }

  private String ssn() {
    int area = 1 + random.nextInt(665);
    String n = String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    return random.nextInt(4) == 0 ? n.replace("-", " ") : n;
  }

  private String password() {
    String chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*";
    StringBuilder b = new StringBuilder();
    int n = 8 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      b.append(chars.charAt(random.nextInt(chars.length())));
    }
    return b.toString();
  }
}
