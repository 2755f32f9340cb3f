package io.kcs.cilium.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AddressScannerTest {

    @Test
    void exposesNoMutableField() {
        assertThat(Arrays.stream(AddressScanner.class.getDeclaredFields())
                .filter(f -> !Modifier.isPrivate(f.getModifiers()))
                .filter(f -> !(Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())))
                .map(Field::getName)).isEmpty();
    }

    @Test
    void readsTheResultThroughAccessors() {
        AddressScanner sc = new AddressScanner();
        assertThat(sc.scanCidr("2001:db8::1/64", 0, 14)).isTrue();
        assertThat(sc.isIpv4()).isFalse();
        assertThat(sc.high()).isEqualTo(0x2001_0db8_0000_0000L);
        assertThat(sc.low()).isEqualTo(1L);
        assertThat(sc.prefixLength()).isEqualTo(64);
        assertThat(sc.errorKind()).isEqualTo(AddressScanner.OK);
        assertThat(sc.scanCidr("10.0.0.1/33", 0, 11)).isFalse();
        assertThat(sc.errorKind()).isEqualTo(AddressScanner.BAD_PREFIX);
        assertThat(sc.errorStart()).isEqualTo(9);
        assertThat(sc.errorEnd()).isEqualTo(11);
        assertThat(sc.errorReason()).contains("larger than 32");
        assertThat(sc.scanAddress("10.0.0.1", 0, 8)).isTrue();
        assertThat(sc.isIpv4()).isTrue();
        assertThat(sc.low()).isEqualTo(0x0A00_0001L);
        assertThat(sc.prefixLength()).isEqualTo(-1);
    }
}
