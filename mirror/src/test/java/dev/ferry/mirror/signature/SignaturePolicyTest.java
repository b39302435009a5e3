package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import org.junit.jupiter.api.Test;

class SignaturePolicyTest {
    @Test
    void theFlagValuesMapToWhatTheyDo() {
        assertEquals(SignaturePolicy.AVAILABLE, SignaturePolicy.parse("available"));
        assertTrue(SignaturePolicy.parse("Required ").unsignedFails());
        assertFalse(SignaturePolicy.AVAILABLE.unsignedFails());
        assertFalse(SignaturePolicy.parse("off").checks());
        assertEquals("required", SignaturePolicy.REQUIRED.id());
    }

    @Test
    void anotherValueIsBadUsageNamingTheChoices() {
        BadInput e = assertThrows(BadInput.class, () -> SignaturePolicy.parse("yes"));
        assertEquals("--verify-signatures must be required, available or off, not 'yes'", e.getMessage());
    }
}
