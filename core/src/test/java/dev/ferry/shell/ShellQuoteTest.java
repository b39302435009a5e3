package dev.ferry.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellQuoteTest {
    @Test
    void quotesEverythingThatCouldRun() {
        assertEquals("'a'\\''b'", ShellQuote.quote("a'b"));
        assertEquals("'$(touch /tmp/x) `id`\n'", ShellQuote.quote("$(touch /tmp/x) `id`\n"));
        assertEquals("'plain'", ShellQuote.quote("plain"));
    }

    @Test
    void wordsForPeopleStayBareWhenSafe() {
        assertEquals("https://b.s3.cn-north-1.amazonaws.com.cn/kops", ShellQuote.word("https://b.s3.cn-north-1.amazonaws.com.cn/kops"));
        assertEquals("'a b'", ShellQuote.word("a b"));
        assertEquals("'x;rm -rf /'", ShellQuote.word("x;rm -rf /"));
    }
}
