package io.github.mysqlresilience.sample.drill;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill's pictures: one panel per setup, a bar per 100 ms split into successes and
 * errors, the p99 latency line and the fault's band, in well-formed SVG.
 */
class DrillChartTests {

	private static final long MS = 1_000_000;

	@Test
	void drawsEachSetupWithItsSuccessesErrorsLatencyAndTheFault() throws Exception {
		Map<Setup, DrillChart.Timeline> timelines = new EnumMap<>(Setup.class);
		timelines.put(Setup.PLAIN, timeline(3));
		timelines.put(Setup.STARTER, timeline(0));
		String svg = DrillChart.svg(DrillFault.KILL_CONNECTIONS, timelines);
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(svg).contains(DrillFault.KILL_CONNECTIONS.title(), Setup.PLAIN.title(), Setup.STARTER.title())
			.doesNotContain(Setup.SPRING_RETRY.title());
		assertThat(document.getElementsByTagName("polyline").getLength()).as("a latency line per panel").isEqualTo(2);
		assertThat(svg.split("fill=\"#e53935\"", -1)).as("error bars: only the plain setup has errors").hasSize(2);
		assertThat(svg.split("fill-opacity=\"0.25\"", -1)).as("the fault, in each panel").hasSize(3);
	}

	private static DrillChart.Timeline timeline(int errors) {
		long origin = 0;
		List<Workload.Call> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(new Workload.Call(i * 100 * MS, i * 100 * MS + 20 * MS, true, null, null, null, false));
		}
		for (int i = 0; i < errors; i++) {
			calls.add(new Workload.Call(1000 * MS, 1050 * MS, false, null, null, "x", false));
		}
		return new DrillChart.Timeline(origin, 1000 * MS, 1200 * MS, 2000 * MS, calls);
	}

}
