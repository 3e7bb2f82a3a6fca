package com.lockllm.engine.abuse;

/**
 * The raw measurements {@link ContentAbuseDetector} takes from a prompt, before they become scores.
 *
 * @param chars length of the text in UTF-16 units
 * @param longestCharRun longest stretch, in characters, that repeats a unit of 1–4 characters with no
 *     white space in it ({@code aaaa}, {@code !!!!}, {@code abcabc}, an emoji repeated), separator
 *     stretches left out
 * @param longestSeparatorRun the same for stretches made only of separator characters ({@code
 *     -=_*~.#+} and box drawing), which benign markdown and code use for rules of up to about 80
 * @param longestWordRun (words of markdown table rows, which repeat by nature, are left out of
 *     this and of the 4-grams) longest stretch, in words, that repeats the word or phrase of 1–{@value
 *     ContentAbuseDetector#MAX_PHRASE_WORDS} words just before it ({@code spam spam spam}, {@code buy
 *     now buy now}), counting the words after the first copy
 * @param duplicateNgramShare share of the word 4-grams that already occurred earlier in the text
 *     (0 below {@value ContentAbuseDetector#MIN_NGRAMS} 4-grams)
 * @param templateLineShare share of the prose lines whose lower-case words (capitalised words,
 *     numbers, links and punctuation left out: the slots a template fills) repeat on another line
 *     (0 below {@value ContentAbuseDetector#MIN_TEMPLATE_LINES} such lines; table rows are not prose)
 * @param templateLines how many prose lines were compared
 * @param symbolShare share of the units (a word or number counts once, any other non-space code
 *     point once) that are symbols or emoji ({@code So}, {@code Sc}, {@code Sk}) or one of {@code
 *     !*~^@$%&+#} ({@code ?} is left out: mis-decoded text is full of it); 0 below {@value
 *     ContentAbuseDetector#MIN_SYMBOL_UNITS} units
 * @param nestingDepth deepest nesting of <code>(</code>, <code>[</code> and <code>&#123;</code> brackets and of XML/HTML tags
 * @param escapeLevels deepest level of quoted-and-escaped quotes: a quote after 2^k − 1 backslashes
 *     is k + 1 levels deep (JSON inside a JSON string inside ...)
 * @param longestToken longest run of non-space characters
 */
public record ContentSignals(
    int chars,
    int longestCharRun,
    int longestSeparatorRun,
    int longestWordRun,
    double duplicateNgramShare,
    double templateLineShare,
    int templateLines,
    double symbolShare,
    int nestingDepth,
    int escapeLevels,
    int longestToken) {}
