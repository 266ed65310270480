package io.astrashell.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The hosts that {@code NO_PROXY} (or {@code no_proxy}) sends directly, as curl reads it: entries
 * separated by commas or spaces; {@code *} matches every host; {@code example.com},
 * {@code .example.com} and {@code *.example.com} all match {@code example.com} and every name under
 * it; an entry may end in {@code :PORT} to match that port only; IP addresses match literally, or as
 * a range in CIDR form ({@code 10.0.0.0/8}, {@code fd00::/8}); IPv6 addresses with or without
 * brackets. Names are compared as text, case-insensitively: nothing is looked up.
 */
final class NoProxy {

	private record Entry(String host, byte[] address, int prefix, int port) {
	}

	private final boolean all;

	private final List<Entry> entries;

	private NoProxy(boolean all, List<Entry> entries) {
		this.all = all;
		this.entries = entries;
	}

	static final NoProxy NONE = new NoProxy(false, List.of());

	static NoProxy parse(String value) {
		if (value == null || value.isBlank()) {
			return NONE;
		}
		boolean all = false;
		List<Entry> entries = new ArrayList<>();
		for (String raw : value.split("[,\\s]+")) {
			String item = raw.trim();
			if (item.isEmpty()) {
				continue;
			}
			if (item.equals("*")) {
				all = true;
				continue;
			}
			int port = -1;
			String host = item;
			if (host.startsWith("[")) { // [v6] or [v6]:port
				int close = host.indexOf(']');
				if (close > 0) {
					String rest = host.substring(close + 1);
					host = host.substring(1, close);
					if (rest.startsWith(":")) {
						port = port(rest.substring(1));
					}
				}
			}
			else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) { // name:port, v4:port
				port = port(host.substring(host.indexOf(':') + 1));
				host = host.substring(0, host.indexOf(':'));
			}
			int prefix = -1;
			int slash = host.indexOf('/');
			if (slash > 0) {
				try {
					prefix = Integer.parseInt(host.substring(slash + 1));
				}
				catch (NumberFormatException e) {
					continue; // not an entry anything could match
				}
				host = host.substring(0, slash);
			}
			String name = Urls.bare(host);
			if (name.startsWith("*.")) {
				name = name.substring(2);
			}
			while (name.startsWith(".")) {
				name = name.substring(1);
			}
			byte[] address = ipv4(name);
			if (address == null) {
				address = ipv6(name);
			}
			if (name.isEmpty() || port == -2 || (prefix >= 0 && (address == null || prefix > address.length * 8))) {
				continue;
			}
			entries.add(new Entry(name, address, prefix, port));
		}
		return new NoProxy(all, List.copyOf(entries));
	}

	private static int port(String text) {
		try {
			int port = Integer.parseInt(text);
			return port > 0 && port <= 65535 ? port : -2;
		}
		catch (NumberFormatException e) {
			return -2;
		}
	}

	/** Whether a request to {@code host} on {@code port} goes directly, not through the proxy. */
	boolean matches(String host, int port) {
		if (all) {
			return true;
		}
		String name = Urls.bare(host);
		byte[] address = ipv4(name);
		if (address == null) {
			address = ipv6(name);
		}
		for (Entry e : entries) {
			if (e.port() > 0 && e.port() != port) {
				continue;
			}
			if (e.address() != null) {
				if (address != null && address.length == e.address().length
						&& samePrefix(address, e.address(), e.prefix() < 0 ? address.length * 8 : e.prefix())) {
					return true;
				}
			}
			else if (address == null && (name.equals(e.host()) || name.endsWith("." + e.host()))) {
				return true;
			}
		}
		return false;
	}

	private static boolean samePrefix(byte[] a, byte[] b, int bits) {
		for (int i = 0; i < bits; i++) {
			int mask = 0x80 >> (i % 8);
			if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	/** The four bytes of a dotted-quad IPv4 address, or null when the text is not one. */
	static byte[] ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] out = new byte[4];
		for (int i = 0; i < 4; i++) {
			String p = parts[i];
			if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
				return null;
			}
			int v = Integer.parseInt(p);
			if (v > 255) {
				return null;
			}
			out[i] = (byte) v;
		}
		return out;
	}

	/** The sixteen bytes of an IPv6 address (a zone {@code %eth0} ignored), or null when the text is not one. */
	static byte[] ipv6(String text) {
		String t = text;
		int zone = t.indexOf('%');
		if (zone >= 0) {
			t = t.substring(0, zone);
		}
		if (t.indexOf(':') < 0) {
			return null;
		}
		int gap = t.indexOf("::");
		if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		List<Integer> head = groups(gap >= 0 ? t.substring(0, gap) : t);
		List<Integer> tail = gap >= 0 ? groups(t.substring(gap + 2)) : List.of();
		if (head == null || tail == null) {
			return null;
		}
		int count = head.size() + tail.size();
		if (gap < 0 ? count != 8 : count > 7) {
			return null;
		}
		byte[] out = new byte[16];
		int i = 0;
		for (int g : head) {
			out[i++] = (byte) (g >> 8);
			out[i++] = (byte) g;
		}
		i = 16 - tail.size() * 2;
		for (int g : tail) {
			out[i++] = (byte) (g >> 8);
			out[i++] = (byte) g;
		}
		return out;
	}

	/** The 16-bit groups of one side of an IPv6 address (an IPv4 tail counts as two), or null. */
	private static List<Integer> groups(String side) {
		List<Integer> out = new ArrayList<>();
		if (side.isEmpty()) {
			return out;
		}
		String[] parts = side.split(":", -1);
		for (int i = 0; i < parts.length; i++) {
			String p = parts[i];
			if (i == parts.length - 1 && p.indexOf('.') >= 0) {
				byte[] v4 = ipv4(p);
				if (v4 == null) {
					return null;
				}
				out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
				out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
				continue;
			}
			if (p.isEmpty() || p.length() > 4) {
				return null;
			}
			int v = 0;
			for (char c : p.toCharArray()) {
				int d = Character.digit(c, 16);
				if (d < 0) {
					return null;
				}
				v = (v << 4) | d;
			}
			out.add(v);
		}
		return out;
	}

}
