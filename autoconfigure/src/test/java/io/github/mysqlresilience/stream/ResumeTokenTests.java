package io.github.mysqlresilience.stream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Resume tokens written as text and read back, exactly, whatever the key's type; text
 * that is not a token is refused with a message that says so.
 */
class ResumeTokenTests {

	@Test
	void everyKeyTypeSurvivesTheTextForm() {
		Object[] upTo = { Long.MAX_VALUE, new BigDecimal("18446744073709551615"), "o'brien|/,~ é",
				new byte[] { 0, -1, 42 }, LocalDateTime.of(2026, 12, 5, 21, 0, 0, 123_000_000),
				LocalDate.of(2026, 1, 2) };
		ResumeToken token = new ResumeToken(upTo,
				List.of(SliceState.between(null, 9_007_199_254_740_993L),
						new SliceState(9_007_199_254_740_993L, new BigDecimal("12345678901234567890123.125"),
								new Object[] { 9_007_199_254_740_995L, new BigInteger("18446744073709551615"), "a", 
										new byte[] { 1 }, LocalDateTime.of(2026, 1, 1, 0, 0), LocalDate.of(2026, 1, 1) },
								false),
						new SliceState(new BigDecimal("12345678901234567890123.125"), null, null, true)));
		ResumeToken read = ResumeToken.parse(token.toString());
		assertThat(read).isEqualTo(token);
		assertThat(read.toString()).isEqualTo(token.toString());
		assertThat(read.sliceCount()).isEqualTo(3);
		assertThat(read.upTo()).containsExactly(upTo);
		assertThat(read.slices().get(1).after()[1]).isEqualTo(new BigDecimal("18446744073709551615"));
		assertThat(read.slices().get(0).to()).isEqualTo(9_007_199_254_740_993L);
		assertThat(read.isComplete()).isFalse();
	}

	@Test
	void aTokenOfAnEmptyScanIsComplete() {
		ResumeToken token = ResumeToken.parse(new ResumeToken(null, List.of()).toString());
		assertThat(token.isComplete()).isTrue();
		assertThat(token.sliceCount()).isZero();
	}

	@Test
	void textThatIsNotATokenIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResumeToken.parse("id=42"))
			.withMessageContaining("Not a keyset scan resume token");
		assertThatIllegalArgumentException().isThrownBy(() -> ResumeToken.parse("keyset1|L1|L1/~"))
			.withMessageContaining("Not a valid keyset scan resume token");
		assertThatIllegalArgumentException().isThrownBy(() -> ResumeToken.parse("keyset1|Q1|~/~/~/0"))
			.withMessageContaining("Unknown key value type 'Q'");
	}

}
