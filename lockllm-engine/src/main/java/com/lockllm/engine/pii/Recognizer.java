package com.lockllm.engine.pii;

import java.util.List;

/** Finds candidate entities of one type; {@link PiiDetector} resolves overlaps. Not API. */
interface Recognizer {
  void find(SearchText text, List<PiiEntity> out);
}
