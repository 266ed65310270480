package io.astrashell.session;

import java.nio.file.Path;

/** A second process for {@link ProfilesTest}: adds sections NAME-0 .. NAME-(N-1), one write each. */
public final class ProfilesWriterMain {

	public static void main(String[] args) {
		Profiles profiles = new Profiles(Path.of(args[0]));
		String who = args[1];
		int count = Integer.parseInt(args[2]);
		for (int i = 0; i < count; i++) {
			int n = i;
			profiles.update(rc -> {
				rc.set(who + "-" + n, "K", who + " " + n);
				return null;
			});
		}
	}

}
