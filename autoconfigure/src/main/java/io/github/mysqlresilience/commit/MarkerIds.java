package io.github.mysqlresilience.commit;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered 16-byte marker ids, laid out as UUID version 7 (48 bits of milliseconds,
 * then random bits), so that new markers go to the end of the table's primary key.
 */
final class MarkerIds {

	private MarkerIds() {
	}

	static byte[] next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long millis = System.currentTimeMillis();
		long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
	}

	static String text(byte[] id) {
		ByteBuffer buffer = ByteBuffer.wrap(id);
		return new UUID(buffer.getLong(), buffer.getLong()).toString();
	}

}
