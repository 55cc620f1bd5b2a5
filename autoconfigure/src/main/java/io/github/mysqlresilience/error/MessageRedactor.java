package io.github.mysqlresilience.error;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Takes user data out of server messages: {@code Duplicate entry 'alice@example.com' for
 * key 'users.email'} becomes {@code Duplicate entry '?' for key 'users.email'}. Also drops
 * the {@code (conn=N) } prefix that MariaDB Connector/J adds, so both drivers give the
 * same text.
 */
final class MessageRedactor {

	private static final Pattern CONNECTION_PREFIX = Pattern.compile("\\(conn=\\d+\\) ");

	private static final String DUPLICATE_ENTRY = "Duplicate entry '";

	private static final String FOR_KEY = "' for key '";

	private static final String VALUE = "value: '";

	private static final String FOR_COLUMN = "' for column ";

	private static final String REDACTED = "?";

	private MessageRedactor() {
	}

	static String redact(@Nullable String message, boolean includeValues) {
		if (message == null) {
			return "";
		}
		String text = message.contains("(conn=") ? CONNECTION_PREFIX.matcher(message).replaceAll("") : message;
		if (includeValues) {
			return text;
		}
		text = replaceBetween(text, DUPLICATE_ENTRY, FOR_KEY);
		return replaceBetween(text, VALUE, FOR_COLUMN);
	}

	private static String replaceBetween(String text, String before, String after) {
		int start = text.indexOf(before);
		if (start < 0) {
			return text;
		}
		int valueStart = start + before.length();
		int end = text.lastIndexOf(after);
		if (end < valueStart) {
			return text;
		}
		return text.substring(0, valueStart) + REDACTED + text.substring(end);
	}

	/**
	 * Return the key named by a duplicate-key message: {@code email} for MySQL 8's
	 * {@code 'users.email'} and for MariaDB's {@code 'email'}.
	 */
	static @Nullable String duplicateKeyName(@Nullable String message) {
		if (message == null) {
			return null;
		}
		int start = message.lastIndexOf(FOR_KEY);
		if (start < 0) {
			return null;
		}
		int nameStart = start + FOR_KEY.length();
		int end = message.indexOf('\'', nameStart);
		if (end < 0) {
			return null;
		}
		String qualified = message.substring(nameStart, end);
		return qualified.substring(qualified.lastIndexOf('.') + 1);
	}

}
