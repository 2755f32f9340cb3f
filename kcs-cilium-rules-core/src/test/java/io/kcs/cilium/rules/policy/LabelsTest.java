package io.kcs.cilium.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint label set: one label per key (as Cilium's {@code labels.Labels} map), lookup by selector key. */
class LabelsTest {

    @Test
    void isSortedByKeyAndKeepsExactDuplicatesOnce() {
        Labels l = Labels.parse("k8s:tier=db", "k8s:app=web", "k8s:app=web");
        assertThat(l.asList()).extracting(Label::key).containsExactly("app", "tier");
        assertThat(l.size()).isEqualTo(2);
        assertThat(l.toString()).isEqualTo("[k8s:app=web k8s:tier=db]");
    }

    @Test
    void refusesTwoLabelsWithOneKey() {
        assertThatThrownBy(() -> Labels.parse("k8s:app=web", "container:app=web"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same key");
        assertThatThrownBy(() -> Labels.parse("k8s:app=web", "k8s:app=db"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void looksUpBySelectorKeyWithCiliumsSourceRule() {
        Labels pod = Labels.parse("k8s:app=web", "reserved:host", "cidr:10.1.0.0/16");
        assertThat(pod.lookup(Label.parseSelectLabel("app"))).contains(Label.parse("k8s:app=web"));
        assertThat(pod.lookup(Label.parseSelectLabel("k8s:app"))).contains(Label.parse("k8s:app=web"));
        assertThat(pod.lookup(Label.parseSelectLabel("container:app"))).isEmpty();
        assertThat(pod.lookup(Label.parseSelectLabel("reserved:host"))).isPresent();
        assertThat(pod.lookup(Label.parseSelectLabel("k8s:host"))).isEmpty();
        assertThat(pod.lookup(Label.parseSelectLabel("cidr:10.0.0.0/8"))).contains(Label.parse("cidr:10.1.0.0/16"));
        assertThat(pod.lookup(Label.parseSelectLabel("cidr:10.2.0.0/16"))).isEmpty();
        assertThat(pod.get("app")).contains(Label.parse("k8s:app=web"));
        assertThat(pod.contains(Label.parse("k8s:app=web"))).isTrue();
        assertThat(pod.contains(Label.parse("k8s:app=db"))).isFalse();
    }

    @Test
    void isAValueAndDefendsItsCopy() {
        List<Label> source = new ArrayList<>(List.of(Label.parse("k8s:a=1")));
        Labels l = Labels.of(source);
        source.add(Label.parse("k8s:b=2"));
        assertThat(l.size()).isEqualTo(1);
        assertThat(l).isEqualTo(Labels.parse("k8s:a=1")).hasSameHashCodeAs(Labels.parse("k8s:a=1"));
        assertThat(l).isNotEqualTo(Labels.parse("k8s:a=2"));
        assertThatThrownBy(() -> l.asList().add(Label.parse("k8s:c=3")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Labels.of()).isSameAs(Labels.empty());
    }
}
