package io.github.mysqlresilience.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flight recording of what holds a virtual thread's carrier: the JDK's pinning events
 * ({@code jdk.VirtualThreadPinned}: a virtual thread that parked while pinned) and monitor
 * waits and contended entries ({@code jdk.JavaMonitorWait}, {@code jdk.JavaMonitorEnter}),
 * which pin on JDK 21 to 23. Every event is kept, with a threshold of zero; the starter's
 * own frames are told apart from the drivers', HikariCP's and the tests'.
 */
final class CarrierRecording implements AutoCloseable {

	static final String PINNED = "jdk.VirtualThreadPinned";

	static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";

	static final String MONITOR_WAIT = "jdk.JavaMonitorWait";

	private final Recording recording = new Recording();

	private List<RecordedEvent> events = List.of();

	private CarrierRecording() {
		for (String event : List.of(PINNED, MONITOR_ENTER, MONITOR_WAIT)) {
			this.recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
		}
		this.recording.start();
	}

	static CarrierRecording start() {
		return new CarrierRecording();
	}

	/**
	 * Stop recording and read what was recorded.
	 */
	CarrierRecording stop() {
		try {
			Path file = Files.createTempFile("carriers", ".jfr");
			try {
				this.recording.stop();
				this.recording.dump(file);
				this.events = RecordingFile.readAllEvents(file);
			}
			finally {
				Files.deleteIfExists(file);
			}
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the number of recorded events of a kind, whoever caused them.
	 */
	long count(String event) {
		return this.events.stream().filter((recorded) -> recorded.getEventType().getName().equals(event)).count();
	}

	/**
	 * Return the events of a kind that the starter's own code caused, as readable lines:
	 * the first frame outside the JDK is the starter's, and the thread was not loading or
	 * initializing a class (the JDK pins a virtual thread there, in any code, once per
	 * class: reported by {@link #classLoading(String)}).
	 */
	List<String> inTheStarter(String event) {
		List<String> found = new ArrayList<>();
		for (RecordedEvent recorded : of(event)) {
			if (isVirtual(recorded) && !isClassLoading(recorded) && firstApplicationFrameIsTheStarters(recorded)) {
				found.add(event + " on " + recorded.getThread("eventThread").getJavaName() + reason(recorded) + ": "
						+ recorded.getStackTrace()
							.getFrames()
							.stream()
							.limit(12)
							.map((frame) -> frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
							.collect(Collectors.joining(" < ")));
			}
		}
		return found;
	}

	/**
	 * Return the number of events of a kind recorded while a class was loaded or
	 * initialized, in whatever code.
	 */
	long classLoading(String event) {
		return of(event).stream().filter(CarrierRecording::isClassLoading).count();
	}

	private List<RecordedEvent> of(String event) {
		return this.events.stream()
			.filter((recorded) -> recorded.getEventType().getName().equals(event) && recorded.getStackTrace() != null)
			.toList();
	}

	private static boolean isClassLoading(RecordedEvent recorded) {
		return reason(recorded).contains("initialization") || recorded.getStackTrace()
			.getFrames()
			.stream()
			.anyMatch((frame) -> frame.getMethod().getName().equals("<clinit>")
					|| frame.getMethod().getType().getName().equals("java.lang.ClassLoader")
					|| frame.getMethod().getType().getName().startsWith("jdk.internal.loader."));
	}

	private static boolean firstApplicationFrameIsTheStarters(RecordedEvent recorded) {
		return recorded.getStackTrace()
			.getFrames()
			.stream()
			.filter((frame) -> !isJdk(frame.getMethod().getType().getName()))
			.findFirst()
			.map(CarrierRecording::isStarterCode)
			.orElse(false);
	}

	private static boolean isJdk(String type) {
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
	}

	private static String reason(RecordedEvent recorded) {
		if (recorded.hasField("pinnedReason")) {
			return " (" + recorded.getString("pinnedReason") + ")";
		}
		if (recorded.hasField("monitorClass") && recorded.getClass("monitorClass") != null) {
			return " (monitor of " + recorded.getClass("monitorClass").getName() + ")";
		}
		return "";
	}

	/**
	 * Whether the event's thread is virtual: only a virtual thread has a carrier to hold.
	 */
	private static boolean isVirtual(RecordedEvent recorded) {
		try {
			return (boolean) RecordedThread.class.getMethod("isVirtual").invoke(recorded.getThread("eventThread"));
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	/**
	 * Whether a frame runs the starter's own code: its classes, not the tests' (they share
	 * its packages).
	 */
	private static boolean isStarterCode(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		if (!type.startsWith("io.github.mysqlresilience.") || type.startsWith("io.github.mysqlresilience.test.")) {
			return false;
		}
		try {
			Class<?> loaded = Class.forName(type, false, CarrierRecording.class.getClassLoader());
			String location = String.valueOf(loaded.getProtectionDomain().getCodeSource().getLocation());
			return !location.contains("test-classes");
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.recording.close();
	}

}
