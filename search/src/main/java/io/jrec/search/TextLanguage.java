package io.jrec.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.util.List;

/**
 * How catalogue texts and queries are cut into terms. Every language lower-cases, folds accents to
 * ASCII ({@code "Café"} = {@code "cafe"}), drops a small stop list and reduces English plurals to the
 * singular ({@code "shoes"} = {@code "shoe"}, {@code "batteries"} = {@code "battery"}, {@code "watches"}
 * = {@code "watch"}; see {@link PluralFilter}); other word forms are left alone.
 */
public enum TextLanguage {
    /** Words split at Unicode word boundaries (Lucene's {@code StandardTokenizer}), English stop words. */
    ENGLISH,
    /**
     * Simplified Chinese words found by Lucene's smartcn HMM segmenter ({@code "华为手机"} = {@code 华为} +
     * {@code 手机}); Latin words inside Chinese text are handled as in {@link #ENGLISH}.
     */
    CHINESE,
    /**
     * Chinese, Japanese and Korean text as overlapping character bigrams ({@code "华为手机"} =
     * {@code 华为 为手 手机}): no dictionary, robust to unknown words, larger index.
     */
    CJK_BIGRAMS;

    static final CharArraySet ENGLISH_STOP_WORDS = new CharArraySet(List.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into", "is", "it",
            "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
            "will", "with"), false);

    /** A new Lucene analyser for this language (thread-safe, as Lucene's analysers are). */
    Analyzer analyzer() {
        TextLanguage language = this;
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = language == CHINESE ? new HMMChineseTokenizer() : new StandardTokenizer();
                TokenStream s = source;
                if (language == CJK_BIGRAMS) {
                    s = new CJKWidthFilter(s);
                    s = new CJKBigramFilter(s);
                }
                s = new EnglishPossessiveFilter(s);
                s = new LowerCaseFilter(s);
                s = new ASCIIFoldingFilter(s);
                s = new StopFilter(s, language == CHINESE ? CHINESE_STOP : ENGLISH_STOP_WORDS);
                s = new PluralFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    private static final CharArraySet CHINESE_STOP = chineseStop();

    private static CharArraySet chineseStop() {
        CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        set.addAll(ENGLISH_STOP_WORDS);
        return set;
    }
}
