package dev.incidentlifecycle.reviews.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetTest {

    @Test
    void escapes_the_text_and_marks_only_the_matches() {
        String headline = "<script>alert('x')</script> & \"" + Snippet.START + "pool" + Snippet.STOP + "\" <mark>";

        assertThat(Snippet.of(headline)).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;<mark>pool</mark>&quot; &lt;mark&gt;");
    }

    @Test
    void no_headline_is_an_empty_snippet() {
        assertThat(Snippet.of(null)).isEmpty();
    }
}
