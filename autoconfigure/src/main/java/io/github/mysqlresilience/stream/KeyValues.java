package io.github.mysqlresilience.stream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Key values as the scan binds them and as a {@link ResumeToken} writes them: exact,
 * typed, and free of the token's separators. Integers outside {@code long} (BIGINT
 * UNSIGNED) become {@link BigDecimal}, which MySQL compares exactly with any integer
 * column.
 */
final class KeyValues {

	private static final String NULL = "~";

	private KeyValues() {
	}

	/**
	 * Return the value a key column read from a result set is bound as.
	 */
	static @Nullable Object normalize(@Nullable Object value) {
		if (value instanceof BigInteger integer) {
			return (integer.bitLength() < 64) ? (Object) integer.longValue() : new BigDecimal(integer);
		}
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Timestamp timestamp) {
			return timestamp.toLocalDateTime();
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate();
		}
		return value;
	}

	static String encode(@Nullable Object value) {
		Object normalized = normalize(value);
		if (normalized == null) {
			return NULL;
		}
		if (normalized instanceof Long number) {
			return "L" + number;
		}
		if (normalized instanceof BigDecimal decimal) {
			return "D" + decimal.toPlainString();
		}
		if (normalized instanceof String text) {
			return "S" + base64(text.getBytes(StandardCharsets.UTF_8));
		}
		if (normalized instanceof byte[] bytes) {
			return "B" + base64(bytes);
		}
		if (normalized instanceof LocalDateTime dateTime) {
			return "T" + dateTime;
		}
		if (normalized instanceof LocalDate date) {
			return "d" + date;
		}
		if (normalized instanceof LocalTime time) {
			return "t" + time;
		}
		throw new IllegalArgumentException("A resume token cannot hold a key value of type "
				+ normalized.getClass().getName() + "; key columns of numeric, string, binary, date and time types can");
	}

	static @Nullable Object decode(String text) {
		if (NULL.equals(text)) {
			return null;
		}
		String body = text.substring(1);
		return switch (text.charAt(0)) {
			case 'L' -> Long.parseLong(body);
			case 'D' -> new BigDecimal(body);
			case 'S' -> new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
			case 'B' -> Base64.getUrlDecoder().decode(body);
			case 'T' -> LocalDateTime.parse(body);
			case 'd' -> LocalDate.parse(body);
			case 't' -> LocalTime.parse(body);
			default -> throw new IllegalArgumentException("Unknown key value type '" + text.charAt(0) + "'");
		};
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
