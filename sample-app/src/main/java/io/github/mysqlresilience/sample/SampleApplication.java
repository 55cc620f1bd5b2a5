package io.github.mysqlresilience.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.mysqlresilience.sample.drill.Drill;
import io.github.mysqlresilience.sample.drill.Drill.DrillOptions;
import io.github.mysqlresilience.sample.drill.DrillReport;
import io.github.mysqlresilience.sample.drill.Setup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;

/**
 * A small money-transfer service on MySQL, protected by the MySQL Resilience starter.
 * Without {@code spring.datasource.url} it runs on an embedded MariaDB server. With
 * {@code --drill} (and {@code --quick} for a short one) it runs the resilience drill
 * instead and exits.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Spring Framework's own {@code @Retryable}, as an application without the starter
	 * would enable it ({@code sample.spring-retry.enabled=false} for none: the drill's
	 * plain setup). With the starter, {@code @Retryable} is its own either way.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sample.spring-retry.enabled", matchIfMissing = true)
	@EnableResilientMethods
	static class SpringRetryConfiguration {

	}

	/**
	 * Run the sample.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		List<String> arguments = Arrays.asList(args);
		if (arguments.contains("--drill")) {
			System.out.println(DrillReport.format(Drill.run(drillOptions(arguments))));
			System.exit(0);
		}
		SpringApplication.run(SampleApplication.class, args);
	}

	/**
	 * The drill's options from the command line: {@code --quick} for the short drill,
	 * {@code --setups=STARTER,...} for some of the applications only (pictures then off),
	 * {@code --metrics-port=N} for the starter's applications to serve their actuator
	 * endpoints (docs/grafana/check-dashboard.sh scrapes them).
	 */
	static DrillOptions drillOptions(List<String> arguments) {
		DrillOptions options = arguments.contains("--quick") ? DrillOptions.QUICK : DrillOptions.FULL;
		for (String argument : arguments) {
			if (argument.startsWith("--setups=")) {
				List<Setup> setups = Arrays.stream(argument.substring("--setups=".length()).split(","))
					.map((name) -> Setup.valueOf(name.strip().toUpperCase(Locale.ROOT)))
					.toList();
				options = options.only(setups, options.faults());
			}
			else if (argument.startsWith("--metrics-port=")) {
				options = options.servingMetricsOn(Integer.parseInt(argument.substring("--metrics-port=".length())));
			}
		}
		return options;
	}

}
