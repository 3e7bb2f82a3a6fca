package com.lockllm.train;

import com.lockllm.train.combine.CombinationBound;
import com.lockllm.train.lexical.LexicalTrainer;
import com.lockllm.train.semantic.SemanticBench;
import com.lockllm.train.semantic.SemanticTraining;
import com.lockllm.train.suffix.SuffixTrainer;
import com.lockllm.train.transformer.TransformerData;
import com.lockllm.train.transformer.TransformerEval;
import java.util.Arrays;

/**
 * Entry point of the training command: {@code java -jar lockllm-train/target/lockllm-train.jar
 * <model> [options]}. Each model has its own trainer class; this only dispatches.
 */
public final class Train {
  private Train() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: lockllm-train <model> [options]");
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "lexical" -> LexicalTrainer.main(rest);
      case "semantic" -> SemanticTraining.main(rest);
      case "semantic-bench" -> SemanticBench.main(rest);
      case "combine" -> CombinationBound.main(rest);
      case "suffix" -> SuffixTrainer.main(rest);
      case "transformer-data" -> TransformerData.main(rest);
      case "transformer-eval" -> TransformerEval.main(rest);
      default -> {
        System.err.println("unknown model '" + args[0] + "'");
        System.exit(2);
      }
    }
  }
}
