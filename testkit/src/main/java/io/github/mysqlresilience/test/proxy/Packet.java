package io.github.mysqlresilience.test.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

/**
 * One logical MySQL packet: its payload (the parts of a payload of 16 MB or more joined)
 * and, for such a payload, the bytes it came in, which are forwarded unchanged.
 *
 * @param sequence the sequence number of its first part
 * @param payload the payload
 * @param parts the bytes as read, headers included, for a payload of several parts, or
 * {@code null}
 */
record Packet(int sequence, byte[] payload, byte @Nullable [] parts) {

	static final int MAX_PART = 0xFFFFFF;

	/**
	 * A packet made by the proxy.
	 * @param wire the packet's bytes, header included (payloads under 16 MB)
	 * @return the packet
	 */
	static Packet of(byte[] wire) {
		byte[] payload = new byte[wire.length - 4];
		System.arraycopy(wire, 4, payload, 0, payload.length);
		return new Packet(wire[3] & 0xFF, payload, null);
	}

	void writeTo(OutputStream out) throws IOException {
		if (this.parts != null) {
			out.write(this.parts);
			return;
		}
		int length = this.payload.length;
		out.write(length & 0xFF);
		out.write((length >> 8) & 0xFF);
		out.write((length >> 16) & 0xFF);
		out.write(this.sequence);
		out.write(this.payload);
	}

	/**
	 * Reads packets from a stream through a buffer of its own, so that whether more bytes
	 * are already at hand is known without a system call.
	 */
	static final class Reader {

		private final InputStream in;

		private final byte[] buffer;

		private int position;

		private int limit;

		Reader(InputStream in, int bufferSize) {
			this.in = in;
			this.buffer = new byte[bufferSize];
		}

		/**
		 * Read the next packet.
		 * @return the packet, or {@code null} at the end of the stream
		 * @throws IOException on a read failure
		 */
		@Nullable Packet next() throws IOException {
			byte[] header = new byte[4];
			if (!read(header)) {
				return null;
			}
			int length = length(header);
			byte[] payload = new byte[length];
			if (!read(payload)) {
				return null;
			}
			if (length < MAX_PART) {
				return new Packet(header[3] & 0xFF, payload, null);
			}
			ByteArrayOutputStream joined = new ByteArrayOutputStream();
			ByteArrayOutputStream parts = new ByteArrayOutputStream();
			int sequence = header[3] & 0xFF;
			while (true) {
				joined.write(payload);
				parts.write(header);
				parts.write(payload);
				if (length < MAX_PART) {
					return new Packet(sequence, joined.toByteArray(), parts.toByteArray());
				}
				if (!read(header)) {
					return null;
				}
				length = length(header);
				payload = new byte[length];
				if (!read(payload)) {
					return null;
				}
			}
		}

		/**
		 * Return whether bytes already read from the stream wait in the buffer.
		 * @return whether more is at hand
		 */
		boolean hasBuffered() {
			return this.position < this.limit;
		}

		private boolean read(byte[] target) throws IOException {
			int offset = 0;
			while (offset < target.length) {
				if (this.position == this.limit) {
					int read = this.in.read(this.buffer, 0, this.buffer.length);
					if (read == -1) {
						return false;
					}
					this.position = 0;
					this.limit = read;
				}
				int count = Math.min(target.length - offset, this.limit - this.position);
				System.arraycopy(this.buffer, this.position, target, offset, count);
				this.position += count;
				offset += count;
			}
			return true;
		}

		private static int length(byte[] header) {
			return (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
		}

	}

}
