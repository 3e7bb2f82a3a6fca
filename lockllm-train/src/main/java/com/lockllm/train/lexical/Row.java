package com.lockllm.train.lexical;

/** One labelled prompt of the shared text-classification files. */
public record Row(String file, String text, int label, String category) {}
