package io.github.mysqlresilience.sample.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Draws what callers saw during one fault, as an SVG picture: one panel per setup on the
 * same time axis, calls per 100 ms split into successes (green) and errors (red), the
 * p99 latency of the calls that ended in each 100 ms (a line, right-hand scale), and the
 * fault marked (a grey band from its start to its end). Plain SVG, written by hand: no
 * charting library is needed for bars and a line.
 */
final class DrillChart {

	private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final int WIDTH = 900;

	private static final int PANEL_HEIGHT = 150;

	private static final int LEFT = 60;

	private static final int RIGHT = 60;

	private static final int TOP = 40;

	private static final int GAP = 30;

	private DrillChart() {
	}

	/**
	 * Write the picture of one fault.
	 * @param directory where to write it ({@code <fault>.svg})
	 * @param fault the fault
	 * @param timelines what each setup saw
	 * @return the file written
	 */
	static Path write(Path directory, DrillFault fault, Map<Setup, Timeline> timelines) {
		try {
			Files.createDirectories(directory);
			Path file = directory.resolve(fault.name().toLowerCase(Locale.ROOT) + ".svg");
			Files.writeString(file, svg(fault, timelines), StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String svg(DrillFault fault, Map<Setup, Timeline> timelines) {
		long before = timelines.values().stream().mapToLong((t) -> t.faultStart() - t.origin()).max().orElse(0);
		long after = timelines.values().stream().mapToLong((t) -> t.end() - t.faultStart()).max().orElse(1);
		int buckets = (int) Math.max(1, (before + after + BUCKET_NANOS - 1) / BUCKET_NANOS);
		int height = TOP + timelines.size() * (PANEL_HEIGHT + GAP) + 10;
		double plotWidth = WIDTH - LEFT - RIGHT;
		double barWidth = plotWidth / buckets;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
				+ " font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
				LEFT, escape(fault.title())));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"32\" fill=\"#555\">calls per 100 ms: successes"
				+ " (green) and errors (red); line: p99 latency (right scale); grey: the fault</text>%n", LEFT));
		int panel = 0;
		for (Map.Entry<Setup, Timeline> entry : timelines.entrySet()) {
			Timeline timeline = entry.getValue();
			int top = TOP + panel * (PANEL_HEIGHT + GAP) + 14;
			long shift = before - (timeline.faultStart() - timeline.origin());
			int[] successes = new int[buckets];
			int[] errors = new int[buckets];
			List<List<Long>> latencies = new ArrayList<>();
			for (int i = 0; i < buckets; i++) {
				latencies.add(new ArrayList<>());
			}
			for (Workload.Call call : timeline.calls()) {
				int bucket = (int) ((call.ended() - timeline.origin() + shift) / BUCKET_NANOS);
				if (bucket < 0 || bucket >= buckets) {
					continue;
				}
				if (call.succeeded()) {
					successes[bucket]++;
				}
				else {
					errors[bucket]++;
				}
				latencies.get(bucket).add(call.ended() - call.started());
			}
			int maxCalls = 1;
			long maxLatency = 1;
			long[] p99 = new long[buckets];
			for (int i = 0; i < buckets; i++) {
				maxCalls = Math.max(maxCalls, successes[i] + errors[i]);
				p99[i] = percentile99(latencies.get(i));
				maxLatency = Math.max(maxLatency, p99[i]);
			}
			long maxLatencyMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxLatency));
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, top - 4,
					escape(entry.getKey().title())));
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"none\""
					+ " stroke=\"#ccc\"/>%n", LEFT, top, plotWidth, PANEL_HEIGHT));
			double faultX = LEFT + before / (double) BUCKET_NANOS * barWidth;
			double faultWidth = Math.max(2, (timeline.faultEnd() - timeline.faultStart()) / (double) BUCKET_NANOS * barWidth);
			svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#999\""
					+ " fill-opacity=\"0.25\"/>%n", faultX, top, faultWidth, PANEL_HEIGHT));
			for (int i = 0; i < buckets; i++) {
				double x = LEFT + i * barWidth;
				double okHeight = successes[i] * (double) PANEL_HEIGHT / maxCalls;
				double errorHeight = errors[i] * (double) PANEL_HEIGHT / maxCalls;
				if (okHeight > 0) {
					svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
							+ " fill=\"#4caf50\"/>%n", x, top + PANEL_HEIGHT - okHeight, barWidth * 0.9, okHeight));
				}
				if (errorHeight > 0) {
					svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
							+ " fill=\"#e53935\"/>%n", x, top + PANEL_HEIGHT - okHeight - errorHeight, barWidth * 0.9,
							errorHeight));
				}
			}
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < buckets; i++) {
				if (p99[i] > 0) {
					double y = top + PANEL_HEIGHT
							- TimeUnit.NANOSECONDS.toMillis(p99[i]) * (double) PANEL_HEIGHT / maxLatencyMillis;
					line.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (i + 0.5) * barWidth, y));
				}
			}
			if (line.length() > 0) {
				svg.append("<polyline fill=\"none\" stroke=\"#1e88e5\" stroke-width=\"1.5\" points=\"")
					.append(line.toString().trim())
					.append("\"/>\n");
			}
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>%n", LEFT - 4,
					top + 10, maxCalls));
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", LEFT - 4,
					top + PANEL_HEIGHT));
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#1e88e5\">%,d ms</text>%n",
					LEFT + plotWidth + 4, top + 10, maxLatencyMillis));
			for (long second = -(before / 1_000_000_000L); second * 1_000_000_000L <= after; second++) {
				double x = LEFT + (before + second * 1_000_000_000L) / (double) BUCKET_NANOS * barWidth;
				if (x >= LEFT && x <= LEFT + plotWidth && (second % 2 == 0 || after < 10_000_000_000L)) {
					svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\""
							+ " fill=\"#555\">%ds</text>%n", x, top + PANEL_HEIGHT + 12, second));
				}
			}
			panel++;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static long percentile99(List<Long> values) {
		if (values.isEmpty()) {
			return 0;
		}
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * What one setup saw during one fault.
	 *
	 * @param origin when the workload started ({@link System#nanoTime()})
	 * @param faultStart when the fault started
	 * @param faultEnd when it ended
	 * @param end when the observation ended
	 * @param calls every call of the workload
	 */
	record Timeline(long origin, long faultStart, long faultEnd, long end, List<Workload.Call> calls) {
	}

}
