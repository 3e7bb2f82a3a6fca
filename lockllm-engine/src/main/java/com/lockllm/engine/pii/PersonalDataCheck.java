package com.lockllm.engine.pii;

import com.lockllm.output.OutputCheck;
import com.lockllm.output.OutputFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Personal data in answer text, found by {@link PiiDetector} (the recognizers that read prompts).
 * A finding's type is the entity type in upper snake case ({@code EMAIL}, {@code PHONE_NUMBER},
 * {@code CREDIT_CARD}, {@code DRIVERS_LICENSE}: the names of the {@link PiiTypes} constants; see
 * {@link #type}), and it becomes the placeholder that {@code strip} writes into prompts ({@code
 * [Email]}, {@code [Phone Number]}: {@link PiiEntity#placeholder()}), so a redacted answer reads
 * like a redacted prompt.
 *
 * <p>In a stream: recognizers read up to {@value #LOOK_BEHIND} characters before an entity (a phone
 * or SSN word within 30 characters, "employer identification number is", a cue such as "my name
 * is", the 24 characters before a digit run, one-character lookbehinds), so {@link #find(CharSequence,
 * int)} detects over the text from {@code from - }{@value #LOOK_BEHIND} and keeps the entities that
 * start at or after {@code from}. An entity spans at most {@value #MAX_SPAN} characters, which
 * covers every entity the recognizers produce in ordinary text with the text they read after it;
 * longer ones (an e-mail with a 200-character domain, a context word followed by dozens of blanks)
 * are found in a whole answer but, streamed, may be found cut short or not at all. {@link
 * #undecided} is the default: the last {@value #MAX_SPAN} characters, since an entity can start
 * at almost any letter or digit. Immutable and thread-safe.
 */
public final class PersonalDataCheck implements OutputCheck {
  /** The longest entity, with what its recognizer reads after it, that a stream is sure to find whole. */
  public static final int MAX_SPAN = 256;
  /** How far before an entity the recognizers read. */
  public static final int LOOK_BEHIND = 64;

  private static final PersonalDataCheck INSTANCE = new PersonalDataCheck(PiiDetector.create());

  private final PiiDetector detector;

  private PersonalDataCheck(PiiDetector detector) {
    this.detector = detector;
  }

  /** The shared check. */
  public static PersonalDataCheck create() {
    return INSTANCE;
  }

  /** The finding type of an entity type of {@link PiiTypes}: {@code Driver's License} is {@code DRIVERS_LICENSE}. */
  public static String type(String piiType) {
    return piiType.replace("'", "").replace(' ', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public List<OutputFinding> find(CharSequence text) {
    return find(text, 0);
  }

  @Override
  public List<OutputFinding> find(CharSequence text, int from) {
    int start = Math.max(0, from - LOOK_BEHIND);
    // a window must not begin on the second half of a surrogate pair
    if (start > 0 && start < from && Character.isLowSurrogate(text.charAt(start)) && Character.isHighSurrogate(text.charAt(start - 1))) {
      start++;
    }
    List<OutputFinding> found = new ArrayList<>();
    for (PiiEntity e : detector.detect(text.subSequence(start, text.length()).toString())) {
      if (start + e.start() >= from) {
        found.add(new OutputFinding(type(e.type()), start + e.start(), start + e.end(), e.placeholder()));
      }
    }
    return found;
  }

  @Override
  public int maxSpan() {
    return MAX_SPAN;
  }

  @Override
  public int lookBehind() {
    return LOOK_BEHIND;
  }

  @Override
  public String toString() {
    return "PersonalDataCheck";
  }
}
