package com.lockllm.engine.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * First and last names. The gazetteer alone is too noisy (surnames such as "Young" or "Page"), so a
 * name needs capitalisation plus either a cue just before ("my name is", "I am", "Dear", "Mr.",
 * "Ms.", "name:") or the adjacency of a known first name and a known surname ("Mary Johnson").
 * Not API.
 */
final class NameRecognizer implements Recognizer {
  private static final String WORD = "\\p{Lu}[\\p{Ll}'\\-]+";
  private static final Pattern PAIR = Pattern.compile(
      "(?<![\\p{L}])(" + WORD + ")(?:\\s+\\p{Lu}\\.)?\\s+(" + WORD + ")(?![\\p{L}])");
  private static final Pattern CUE = Pattern.compile(
      "(?:(?i:my name is|my name's|i am|i'm|this is|name\\s*:|full name\\s*:|signed,?|regards,|sincerely,)"
          + "|\\b(?:Dear|Hi|Hello)|\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\\.?)\\s+(" + WORD + ")(?:\\s+(" + WORD + "))?");
  private static final java.util.Set<String> STOP = java.util.Set.of(
      "The", "This", "That", "There", "Here", "I", "A", "An", "It", "We", "You", "He", "She", "They",
      "Sir", "Madam", "Team", "All", "Customer", "Support", "Not", "Just", "Going", "Sorry", "Happy",
      "Sure", "Glad", "Very", "So", "Also", "Still", "Looking", "Writing", "Trying", "New", "Your",
      "My", "Our", "His", "Her", "Their", "From", "In", "On", "At", "And", "Or", "But", "To",
      "Street", "Avenue", "Road", "Lane", "Drive", "Court", "Park", "Square", "Place", "Way", "Capital",
      "Group", "Bank", "Company", "University", "College", "School", "Hospital", "Center", "River",
      "Beach", "Valley", "North", "South", "East", "West", "Day", "Week",
      "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Monday",
      "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
      "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December", "Christmas", "Easter", "God", "Lord", "Queen", "Prince", "Will", "Can",
      "Me", "Us", "Him", "Them", "Back", "Of", "For", "With", "Is", "Be", "Go", "Do", "Get", "Love",
      "Like", "Know", "Let", "Come", "Take", "Make", "Inc", "Ltd", "Llc", "Corp", "Co", "Aunt", "Uncle",
      "Please", "Thanks", "Thank", "Yes", "No", "Okay", "Ok", "Dear", "Hi", "Hello", "Best", "Kind");
  /** Words after a pair that make it part of a place or organisation name. */
  private static final Pattern PLACE_AFTER = Pattern.compile(
      "\\s+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Way|Park|"
          + "Square|Inc|LLC|Ltd|Corp|Company|Co|Group|Capital|University|College|School|Hospital|"
          + "Center|Centre|Bank|Foundation|Institute|County|City|River|Lake|Bridge|Hall|Airport|Station)\\b");

  private static final Anchor CUE_WORDS = Anchor.words("my name", "i am", "i'm", "this is", "name",
          "full name", "signed", "regards,", "sincerely,")
      .or(Anchor.casedWords("Dear", "Hi", "Hello", "Mr", "Ms", "Miss", "Dr", "Prof"));

  private final Anchor cueStarts;
  private final Anchor pairStarts;

  NameRecognizer() {
    this(CUE_WORDS, Anchor.UPPER_CASE);
  }

  /** With other anchors ({@link Anchor#ANYWHERE} to compare with plain {@code find}). */
  NameRecognizer(Anchor cueStarts, Anchor pairStarts) {
    this.cueStarts = cueStarts;
    this.pairStarts = pairStarts;
  }

  @Override
  public void find(SearchText search, List<PiiEntity> out) {
    String text = search.value();
    Matcher m = Anchor.matcher(CUE, text);
    Anchor.Cursor cues = cueStarts.cursor(search);
    for (int at = 0; cues.find(m, at); at = m.end()) {
      String first = m.group(1);
      if (STOP.contains(first)) {
        continue;
      }
      boolean title = Character.isUpperCase(text.charAt(m.start())) && text.charAt(m.start()) != 'I'
          && (text.startsWith("Mr", m.start()) || text.startsWith("Ms", m.start())
          || text.startsWith("Mrs", m.start()) || text.startsWith("Dr", m.start())
          || text.startsWith("Miss", m.start()) || text.startsWith("Prof", m.start()));
      boolean known = Gazetteer.firstName(first) || Gazetteer.lastName(first);
      if (!known) {
        continue;
      }
      if (m.group(2) != null && !STOP.contains(m.group(2)) && Gazetteer.lastName(m.group(2))) {
        out.add(new PiiEntity(PiiTypes.FIRST_NAME, m.start(1), m.end(1)));
        out.add(new PiiEntity(PiiTypes.LAST_NAME, m.start(2), m.end(2)));
      } else {
        String type = title || !Gazetteer.firstName(first) ? PiiTypes.LAST_NAME : PiiTypes.FIRST_NAME;
        out.add(new PiiEntity(type, m.start(1), m.end(1)));
      }
    }
    m = Anchor.matcher(PAIR, text);
    Anchor.Cursor pairs = pairStarts.cursor(search);
    int from = 0;
    while (from < text.length() && pairs.find(m, from)) {
      String first = m.group(1);
      String last = m.group(2);
      if (!STOP.contains(first) && !STOP.contains(last)
          && Gazetteer.firstName(first) && (Gazetteer.lastName(last) || !Gazetteer.firstName(last))
          && !PLACE_AFTER.matcher(text).region(m.end(), text.length()).lookingAt()) {
        out.add(new PiiEntity(PiiTypes.FIRST_NAME, m.start(1), m.end(1)));
        out.add(new PiiEntity(PiiTypes.LAST_NAME, m.start(2), m.end(2)));
        from = m.end();
      } else {
        from = m.end(1);
      }
    }
  }
}
