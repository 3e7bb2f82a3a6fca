package com.lockllm.engine.route;

import com.lockllm.scan.ModelRouting;
import com.lockllm.scan.RouteAction;
import com.lockllm.scan.RoutingInfo;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded engine's model routing: classifies a prompt's task type by cue words (the task type
 * with most cues wins; a question with none is {@code Open QA}), scores its complexity 0–1 from its
 * length, the number of requirements it lists, reasoning cues ("step by step", "prove", "trade-offs")
 * and code or formulas, and picks a model from a {@link RoutingTable}: under {@code custom} the first
 * matching rule, else (and under {@code auto}) the model of the complexity tier. The scores are
 * heuristics, not a learned classifier; see the engine README, "Routing".
 */
public final class TaskRouter {
  /** Below this complexity a prompt is {@code low}; below {@link #HIGH_FROM}, {@code medium}. */
  public static final double MEDIUM_FROM = 0.34;
  public static final double HIGH_FROM = 0.67;

  private static final Task[] TASKS = {
    new Task("Code Generation", "```|\\b(?:code|function|implement|python|java(?:script)?|typescript|sql|regex|bug|debug|compile|refactor|script|api|class|method|unit tests?)\\b"),
    new Task("Summarization", "\\b(?:summari[sz]e|summary|tl;?dr|key points|condense|recap)\\b"),
    new Task("Translation", "\\b(?:translate|translation|in (?:french|german|spanish|italian|portuguese|chinese|japanese|korean|dutch|russian|arabic))\\b"),
    new Task("Math", "\\b(?:calculate|solve|equation|integral|derivative|probability|how many|percent(?:age)?)\\b|\\d\\s*[-+*/^=]\\s*\\d"),
    new Task("Creative Writing", "\\b(?:story|poem|haiku|lyrics|limerick|fiction|screenplay|creative)\\b"),
    new Task("Classification", "\\b(?:classify|categori[sz]e|sentiment|label (?:this|each|the))\\b"),
    new Task("Extraction", "\\b(?:extract|pull out|find all|list all)\\b"),
    new Task("Rewriting", "\\b(?:rewrite|rephrase|paraphrase|proofread|fix the grammar|make it (?:shorter|formal|friendlier))\\b"),
    new Task("Brainstorming", "\\b(?:brainstorm|ideas for|suggest(?:ions)?|names for)\\b"),
  };
  private static final Pattern QUESTION = Pattern.compile(
      "\\?|^\\s*(?:what|who|when|where|why|how|which|is|are|can|does|do)\\b", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern REASONING = Pattern.compile(
      "\\b(?:step by step|prove|derive|analy[sz]e|compare|trade-?offs?|design|architecture|optimi[sz]e|explain why|in depth|pros and cons|evaluate)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern REQUIREMENT = Pattern.compile("(?m)^\\s*(?:[-*•]|\\d+[.)])\\s+\\S");
  private static final Pattern TECHNICAL = Pattern.compile("```|\\$[^$]+\\$|\\\\(?:frac|sum|int)\\b");

  private final RoutingTable table;

  private TaskRouter(RoutingTable table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  public static TaskRouter create(RoutingTable table) {
    return new TaskRouter(table);
  }

  public RoutingTable table() {
    return table;
  }

  /** The routing for {@code prompt} under {@code action} ({@code auto} or {@code custom}); {@code null} when disabled. */
  public RoutingInfo route(String prompt, RouteAction action) {
    if (action == null || action == RouteAction.DISABLED) {
      return null;
    }
    String task = taskType(prompt);
    double complexity = complexity(prompt);
    String tier = tier(complexity);
    ModelRouting.Rule rule = action == RouteAction.CUSTOM ? table.rule(task, tier) : null;
    String model = rule != null ? rule.model() : table.model(tier);
    String reasoning = String.format(Locale.ROOT, "%s, complexity %.2f (%s): %s", task, complexity, tier,
        rule != null ? "rule '" + rule.name() + "' -> " + model
            : model != null ? tier + " tier -> " + model : "no model configured for the " + tier + " tier");
    return new RoutingInfo(true, task, complexity, model, reasoning, null);
  }

  /** The task type with most cue matches, {@code Open QA} for a question with none, else {@code Other}. */
  static String taskType(String prompt) {
    String best = null;
    int bestHits = 0;
    for (Task task : TASKS) {
      int hits = count(task.cues().matcher(prompt));
      if (hits > bestHits) {
        best = task.name();
        bestHits = hits;
      }
    }
    if (best != null) {
      return best;
    }
    return QUESTION.matcher(prompt).find() ? "Open QA" : "Other";
  }

  static double complexity(String prompt) {
    double length = Math.min(1.0, prompt.length() / 4000.0) * 0.35;
    double requirements = Math.min(1.0, count(REQUIREMENT.matcher(prompt)) / 8.0) * 0.2;
    double reasoning = Math.min(1.0, count(REASONING.matcher(prompt)) / 3.0) * 0.3;
    double technical = TECHNICAL.matcher(prompt).find() ? 0.15 : 0;
    return Math.round(Math.min(1.0, length + requirements + reasoning + technical) * 100) / 100.0;
  }

  static String tier(double complexity) {
    return complexity < MEDIUM_FROM ? "low" : complexity < HIGH_FROM ? "medium" : "high";
  }

  private static int count(Matcher m) {
    int n = 0;
    while (m.find() && n < 1000) {
      n++;
    }
    return n;
  }

  private record Task(String name, Pattern cues) {
    Task(String name, String cues) {
      this(name, Pattern.compile(cues, Pattern.CASE_INSENSITIVE));
    }
  }
}
