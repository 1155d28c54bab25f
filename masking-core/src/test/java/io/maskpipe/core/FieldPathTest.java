package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.record.FieldPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {

    @Test
    void parse_dottedNamesAndIndexes_segmentsInOrder() {
        FieldPath path = FieldPath.parse("items[0].device.ip");

        assertThat(path.segments()).containsExactly("items", 0, "device", "ip");
        assertThat(path.root()).isEqualTo("items");
        assertThat(path.isTopLevel()).isFalse();
        assertThat(path).hasToString("items[0].device.ip");
    }

    @Test
    void parse_nestedIndexes_keptTogether() {
        assertThat(FieldPath.parse("grid[1][22]").segments()).containsExactly("grid", 1, 22);
    }

    @Test
    void parse_sameTextTwice_equalPaths() {
        assertThat(FieldPath.parse("device.id")).isEqualTo(FieldPath.parse("device.id"))
                .hasSameHashCodeAs(FieldPath.parse("device.id"))
                .isEqualTo(FieldPath.of("device").child("id"));
    }

    @Test
    void builders_childAndIndex_renderAsParsed() {
        FieldPath path = FieldPath.of("items").index(3).child("ip");

        assertThat(path).isEqualTo(FieldPath.parse("items[3].ip")).hasToString("items[3].ip");
    }

    @Test
    void of_nameWithDots_isOneSegment() {
        assertThat(FieldPath.of("a.b").segments()).isEqualTo(List.of("a.b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a[", "a[]", "a[x]", "[0]", "a]b", "a[0]b", "a[99999999999]"})
    void parse_malformed_refusedNamingThePosition(String text) {
        assertThatThrownBy(() -> FieldPath.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("field path");
    }

    @Test
    void parse_malformed_messageNamesPathAndPosition() {
        assertThatThrownBy(() -> FieldPath.parse("a..b")).hasMessage("field path 'a..b': malformed at position 2");
    }

    @Test
    void index_negative_refused() {
        assertThatThrownBy(() -> FieldPath.of("items").index(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field path: negative index -1");
    }
}
