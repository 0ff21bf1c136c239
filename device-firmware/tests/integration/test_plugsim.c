/* plugsim against a real mosquitto, both started here on free loopback ports.
 * Every wait is for a message or an answer, with a deadline: no sleeps as
 * synchronisation. Usage: test_plugsim PLUGSIM MKIMAGE KEY.pem */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pull_server.h"

#define MAX_MSGS 20000
#define NPLUGS   3

struct msg {
	char topic[128];
	char payload[768];
};

static struct msg *msgs;
static unsigned int nmsgs;
static pthread_mutex_t msg_lock = PTHREAD_MUTEX_INITIALIZER;
static int failures;
static char tmpdir[64];
static uint16_t broker_port;
static pid_t broker_pid = -1, sim_pid = -1;
static int sim_in = -1, sim_out = -1;
static uint16_t http_port[NPLUGS];
static char sim_buf[8192];
static size_t sim_len;

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                                    \
		fprintf(stderr, __VA_ARGS__);                                                      \
		fprintf(stderr, "\n");                                                             \
		failures++;                                                                        \
	} while (0)

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint16_t free_port(int type)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, type, 0);
	uint16_t port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&a, sizeof(a));
	getsockname(fd, (struct sockaddr *)&a, &len);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static bool tcp_ready(uint16_t port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	bool ok;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	close(fd);
	return ok;
}

static pid_t spawn(char *const argv[], int *in_fd, int *out_fd)
{
	int in[2], out[2];
	pid_t pid;

	if (in_fd && pipe(in))
		return -1;
	if (out_fd && pipe(out))
		return -1;
	pid = fork();
	if (pid == 0) {
		if (in_fd) {
			dup2(in[0], 0);
			close(in[1]);
		}
		if (out_fd) {
			dup2(out[1], 1);
			close(out[0]);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	if (in_fd) {
		close(in[0]);
		*in_fd = in[1];
	}
	if (out_fd) {
		close(out[1]);
		*out_fd = out[0];
		fcntl(*out_fd, F_SETFL, O_NONBLOCK);
	}
	return pid;
}

static bool start_broker(void)
{
	char conf[128], mosq[] = "/usr/sbin/mosquitto";
	char *argv[] = {mosq, "-c", conf, NULL};
	FILE *f;
	uint64_t deadline = now_ms() + 10000;

	snprintf(conf, sizeof(conf), "%s/mosquitto.conf", tmpdir);
	f = fopen(conf, "w");
	fprintf(f,
		"listener %u 127.0.0.1\nallow_anonymous false\npassword_file %s/passwd\n"
		"persistence false\nmax_keepalive 120\nlog_dest none\n",
		broker_port, tmpdir);
	fclose(f);
	broker_pid = spawn(argv, NULL, NULL);
	while (now_ms() < deadline) {
		if (tcp_ready(broker_port))
			return true;
		poll(NULL, 0, 20); /* waiting for a port to open has nothing to wait on */
	}
	return false;
}

static void stop_broker(void)
{
	if (broker_pid > 0) {
		kill(broker_pid, SIGTERM);
		waitpid(broker_pid, NULL, 0);
		broker_pid = -1;
	}
}

static void remove_tmpdir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

/* Adds an account to the broker's password file, or deletes it (pass NULL). */
static bool passwd(const char *user, const char *pass)
{
	char cmd[512];

	if (pass)
		snprintf(cmd, sizeof(cmd), "/usr/bin/mosquitto_passwd -b %s/passwd %s %s", tmpdir,
			 user, pass);
	else
		snprintf(cmd, sizeof(cmd), "/usr/bin/mosquitto_passwd -D %s/passwd %s", tmpdir,
			 user);
	return system(cmd) == 0;
}

static void on_message(struct mosquitto *m, void *obj, const struct mosquitto_message *msg)
{
	(void)m;
	(void)obj;
	pthread_mutex_lock(&msg_lock);
	if (nmsgs < MAX_MSGS) {
		snprintf(msgs[nmsgs].topic, sizeof(msgs[nmsgs].topic), "%s", msg->topic);
		snprintf(msgs[nmsgs].payload, sizeof(msgs[nmsgs].payload), "%.*s", msg->payloadlen,
			 (const char *)msg->payload);
		nmsgs++;
	}
	pthread_mutex_unlock(&msg_lock);
}

static void on_connect(struct mosquitto *m, void *obj, int rc)
{
	(void)obj;
	if (rc == 0)
		mosquitto_subscribe(m, NULL, "#", 1);
}

static unsigned int mark(void)
{
	unsigned int n;

	pthread_mutex_lock(&msg_lock);
	n = nmsgs;
	pthread_mutex_unlock(&msg_lock);
	return n;
}

/* Waits for topic (and payload containing `contains`, if given) at or after
 * index `from`. Returns the payload copy or NULL on timeout. */
static const char *wait_msg(unsigned int from, const char *topic, const char *contains,
			    unsigned int timeout_ms)
{
	static char found[768];
	uint64_t deadline = now_ms() + timeout_ms;

	do {
		pthread_mutex_lock(&msg_lock);
		for (unsigned int i = from; i < nmsgs; i++) {
			if (strcmp(msgs[i].topic, topic) == 0 &&
			    (!contains || strstr(msgs[i].payload, contains))) {
				snprintf(found, sizeof(found), "%s", msgs[i].payload);
				pthread_mutex_unlock(&msg_lock);
				return found;
			}
		}
		pthread_mutex_unlock(&msg_lock);
		poll(NULL, 0, 20);
	} while (now_ms() < deadline);
	return NULL;
}

#define EXPECT_MSG(from, topic, contains, ms)                                                      \
	do {                                                                                       \
		if (!wait_msg((from), (topic), (contains), (ms)))                                  \
			FAIL("no %s%s%s within %u ms", (topic), (contains) ? " containing " : "",  \
			     (contains) ? (const char *)(contains) : "", (unsigned int)(ms));      \
	} while (0)

/* Reads plugsim's stdout until a line starting with prefix. */
static bool sim_line(const char *prefix, char *out, size_t cap, unsigned int timeout_ms)
{
	uint64_t deadline = now_ms() + timeout_ms;

	for (;;) {
		char *nl;
		struct pollfd p = {.fd = sim_out, .events = POLLIN};
		ssize_t n;

		while ((nl = memchr(sim_buf, '\n', sim_len)) != NULL) {
			size_t len = (size_t)(nl - sim_buf);
			bool match = strncmp(sim_buf, prefix, strlen(prefix)) == 0;

			if (match && out)
				snprintf(out, cap, "%.*s", (int)len, sim_buf);
			memmove(sim_buf, nl + 1, sim_len - len - 1);
			sim_len -= len + 1;
			if (match)
				return true;
		}
		if (now_ms() >= deadline)
			return false;
		poll(&p, 1, (int)(deadline - now_ms()));
		n = read(sim_out, sim_buf + sim_len, sizeof(sim_buf) - 1 - sim_len);
		if (n == 0)
			return false;
		if (n > 0)
			sim_len += (size_t)n;
	}
}

static void sim_cmd(const char *line)
{
	char expect[128];

	if (write(sim_in, line, strlen(line)) < 0 || write(sim_in, "\n", 1) < 0)
		FAIL("cannot write to plugsim");
	snprintf(expect, sizeof(expect), "OK %s", line);
	if (!sim_line(expect, NULL, 0, 5000))
		FAIL("plugsim did not answer OK to '%s'", line);
}

static char *sim_args[32];

/* Starts plugsim and reads its PLUG lines and READY; false on failure. */
static bool start_sim(void)
{
	char line[256];

	sim_len = 0;
	sim_pid = spawn(sim_args, &sim_in, &sim_out);
	for (int i = 0; i < NPLUGS; i++) {
		unsigned int port;
		char want[32];
		const char *at;

		snprintf(want, sizeof(want), "PLUG obk_%06x ", i);
		if (!sim_line(want, line, sizeof(line), 10000) ||
		    !(at = strstr(line, "http=127.0.0.1:")) ||
		    sscanf(at, "http=127.0.0.1:%u", &port) != 1) {
			FAIL("no PLUG line for plug %d", i);
			return false;
		}
		http_port[i] = (uint16_t)port;
		if (!strstr(line, " mac=02:42:00:00:00:0"))
			FAIL("bad mac in '%s'", line);
	}
	if (!sim_line("READY 3", NULL, 0, 5000)) {
		FAIL("no READY line");
		return false;
	}
	return true;
}

/* quit on stdin; plugsim must exit 0 (a sanitizer report would not). */
static void stop_sim(void)
{
	int rc;

	if (sim_pid <= 0)
		return;
	if (write(sim_in, "quit\n", 5) < 0)
		kill(sim_pid, SIGTERM);
	waitpid(sim_pid, &rc, 0);
	if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
		FAIL("plugsim exited with status %d (sanitizer report?)", rc);
	close(sim_in);
	close(sim_out);
	sim_pid = -1;
}

/* One HTTP exchange; returns the whole response (head + body) read to EOF. */
static char *http(uint16_t port, const char *method, const char *path, const void *body,
		  size_t body_len)
{
	static char resp[16384];
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	struct timeval tv = {.tv_sec = 20};
	char head[256];
	size_t got = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int n;

	resp[0] = '\0';
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		close(fd);
		return resp;
	}
	n = snprintf(head, sizeof(head),
		     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %zu\r\n\r\n", method,
		     path, body_len);
	if (send(fd, head, (size_t)n, MSG_NOSIGNAL) != n)
		goto out;
	for (size_t off = 0; off < body_len;) {
		ssize_t w = send(fd, (const char *)body + off, body_len - off, MSG_NOSIGNAL);

		if (w <= 0)
			goto out;
		off += (size_t)w;
	}
	for (;;) {
		ssize_t r = recv(fd, resp + got, sizeof(resp) - 1 - got, 0);

		if (r <= 0)
			break;
		got += (size_t)r;
	}
out:
	resp[got] = '\0';
	close(fd);
	return resp;
}

static void topic(char *buf, size_t cap, int plug, const char *suffix)
{
	snprintf(buf, cap, "obk_%06x/%s", plug, suffix);
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Distinct plugs (by USN) whose NOTIFY alive reached our unicast socket. */
/* ota_http: the plug pulls `version` from a local server; returns whether
 * it came back on that build. The server's records are left in srv. */
static bool pull_ota(struct mosquitto *m, int plug, struct pull_server *srv, const char *mkimage,
		     const char *key, const char *version)
{
	char cmd[1024], img_path[160], pay_path[160], url[128], t[128];
	unsigned int at;
	uint8_t *img;
	size_t len;
	bool ok = false;
	FILE *f;

	snprintf(pay_path, sizeof(pay_path), "%s/pull-payload.bin", tmpdir);
	snprintf(img_path, sizeof(img_path), "%s/pull.img", tmpdir);
	f = fopen(pay_path, "wb");
	for (int i = 0; i < 40000; i++)
		fputc((i * 7) & 0xFF, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "%s --key %s --chip BL602 --version %s --in %s --out %s >/dev/null", mkimage, key,
		 version, pay_path, img_path);
	if (system(cmd) != 0 || !(img = read_file(img_path, &len))) {
		FAIL("mkimage failed");
		return false;
	}
	srv->img = img;
	srv->len = len;
	if (pull_server_start(srv)) {
		FAIL("pull server did not start");
		free(img);
		return false;
	}
	at = mark();
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", srv->port, srv->path);
	snprintf(t, sizeof(t), "cmnd/obk_%06x/ota_http", plug);
	mosquitto_publish(m, NULL, t, (int)strlen(url), url, 1, false);
	snprintf(t, sizeof(t), "stat/obk_%06x/RESULT", plug);
	EXPECT_MSG(at, t, "{\"ota_http\":\"started\"}", 5000);
	topic(t, sizeof(t), plug, "ota");
	/* 40 kB at 8 kB/s, a cut, a back-off and a resume: well under a minute */
	if (wait_msg(at, t, "\"done\"", 60000)) {
		snprintf(cmd, sizeof(cmd), "OpenBL602 %s ", version);
		topic(t, sizeof(t), plug, "build");
		ok = wait_msg(at, t, cmd, 20000) != NULL;
		if (!ok)
			FAIL("plug %d did not come back on %s", plug, version);
		topic(t, sizeof(t), plug, "rebootreason");
		EXPECT_MSG(at, t, "BL_RST_SOFTWARE", 5000);
		topic(t, sizeof(t), plug, "ota");
		EXPECT_MSG(at, t, "confirmed", 5000);
	} else {
		FAIL("plug %d: no ota done within 60 s", plug);
	}
	pull_server_stop(srv);
	free(img);
	return ok;
}

static void check_notify(int fd)
{
	static const char notify_head[] = "NOTIFY * HTTP/1.1\r\nSERVER: OpenBk\r\n";
	char usns[NPLUGS][96], buf[1024];
	int seen = 0;
	uint64_t deadline = now_ms() + 5000;

	while (seen < NPLUGS && now_ms() < deadline) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		const char *usn, *end;
		bool dup = false;
		ssize_t n;

		if (poll(&p, 1, (int)(deadline - now_ms())) <= 0)
			break;
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			break;
		buf[n] = '\0';
		if (strncmp(buf, notify_head, strlen(notify_head)) != 0 ||
		    !(usn = strstr(buf, "\r\nUSN: uuid:")) || !(end = strstr(usn + 2, "\r\n")))
			continue;
		for (int i = 0; i < seen; i++)
			dup |= strncmp(usns[i], usn, (size_t)(end - usn)) == 0;
		if (!dup)
			snprintf(usns[seen++], sizeof(usns[0]), "%.*s", (int)(end - usn), usn);
	}
	if (seen != NPLUGS)
		FAIL("SSDP NOTIFY: %d of %d plugs", seen, NPLUGS);
}

static void check_ssdp(uint16_t port)
{
	static const char reply_head[] = "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\n";
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	const char *q =
		"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
		"MX: 1\r\nST: upnp:rootdevice\r\n\r\n";
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	int replies = 0;
	uint64_t deadline = now_ms() + 3000;
	char buf[1024];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sendto(fd, q, strlen(q), 0, (struct sockaddr *)&a, sizeof(a));
	while (replies < NPLUGS && now_ms() < deadline) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t n;

		if (poll(&p, 1, (int)(deadline - now_ms())) <= 0)
			break;
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			break;
		buf[n] = '\0';
		if (strncmp(buf, reply_head, strlen(reply_head)) == 0 &&
		    strstr(buf, "\r\nSERVER: OpenBk\r\n") && strstr(buf, "/ssdp.xml\r\n"))
			replies++;
	}
	close(fd);
	if (replies != NPLUGS)
		FAIL("SSDP: %d of %d plugs answered M-SEARCH", replies, NPLUGS);
}

int main(int argc, char **argv)
{
	char statedir[128], ssdp_arg[16], port_arg[16], line[256], t[128], t2[128];
	struct mosquitto *m;
	unsigned int at;
	const char *resp, *payload;
	uint16_t ssdp_port;
	char notify_arg[32];
	int notify_fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PLUGSIM MKIMAGE KEY.pem\n", argv[0]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	msgs = calloc(MAX_MSGS, sizeof(*msgs));
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/plugsim-it.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	broker_port = free_port(SOCK_STREAM);
	ssdp_port = free_port(SOCK_DGRAM);
	{
		struct sockaddr_in a = {.sin_family = AF_INET};
		socklen_t alen = sizeof(a);

		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		notify_fd = socket(AF_INET, SOCK_DGRAM, 0);
		bind(notify_fd, (struct sockaddr *)&a, sizeof(a));
		getsockname(notify_fd, (struct sockaddr *)&a, &alen);
		snprintf(notify_arg, sizeof(notify_arg), "127.0.0.1:%u", ntohs(a.sin_port));
	}
	/* bootstrap account for the plugs, one the hub hands out, one for us */
	/* mosquitto started as root reads the password file as user mosquitto */
	chmod(tmpdir, 0755);
	snprintf(line, sizeof(line), "%s/passwd", tmpdir);
	fclose(fopen(line, "w"));
	if (!passwd("it", "itpw") || !passwd("boot", "bootpw") || !passwd("plug", "plugpw") ||
	    !start_broker()) {
		fprintf(stderr, "mosquitto could not be set up\n");
		stop_broker();
		remove_tmpdir();
		return 1;
	}
	mosquitto_lib_init();
	m = mosquitto_new("it-observer", true, NULL);
	mosquitto_connect_callback_set(m, on_connect);
	mosquitto_message_callback_set(m, on_message);
	mosquitto_reconnect_delay_set(m, 1, 1, false);
	mosquitto_username_pw_set(m, "it", "itpw");
	mosquitto_connect(m, "127.0.0.1", broker_port, 30);
	mosquitto_loop_start(m);

	snprintf(statedir, sizeof(statedir), "%s/state", tmpdir);
	snprintf(port_arg, sizeof(port_arg), "%u", broker_port);
	snprintf(ssdp_arg, sizeof(ssdp_arg), "%u", ssdp_port);
	{
		static char count[] = "3", host[] = "127.0.0.1";
		char *args[] = {argv[1],    "--broker-host",
				host,       "--broker-port",
				port_arg,   "--count",
				count,      "--state-dir",
				statedir,   "--publish-interval-s",
				"1",        "--watchdog-timeout-s",
				"2",        "--ssdp-port",
				ssdp_arg,   "--mqtt-boot-grace-s",
				"20",       "--build-version",
				"1.0.0",    "--mqtt-user",
				"boot",     "--mqtt-pass",
				"bootpw",   "--ssdp-notify",
				notify_arg, "--ssdp-notify-interval-s",
				"1",        NULL};

		memcpy(sim_args, args, sizeof(args));
	}
	if (!start_sim())
		goto out;

	/* online, retained */
	for (int i = 0; i < NPLUGS; i++) {
		topic(t, sizeof(t), i, "connected");
		EXPECT_MSG(0, t, "online", 15000);
	}
	/* POWER ON is switched and confirmed */
	at = mark();
	mosquitto_publish(m, NULL, "cmnd/obk_000000/POWER", (int)strlen("ON"), "ON", 1, false);
	EXPECT_MSG(at, "stat/obk_000000/RESULT", "{\"POWER\":\"ON\"}", 5000);
	EXPECT_MSG(at, "obk_000000/1/get", "1", 5000);
	resp = http(http_port[0], "GET", "/cm?cmnd=POWER", NULL, 0);
	if (!strstr(resp, "{\"POWER\":\"ON\"}"))
		FAIL("/cm POWER: %s", resp);
	/* energy topics (voltage may have been sent before the relay closed) */
	EXPECT_MSG(0, "obk_000000/voltage/get", NULL, 8000);
	EXPECT_MSG(at, "obk_000000/current/get", NULL, 8000);
	EXPECT_MSG(at, "obk_000000/energycounter/get", NULL, 8000);
	/* the first window after switching on is partial; a full one reads ~60 W */
	{
		uint64_t deadline = now_ms() + 10000;
		unsigned int from = at;
		bool ok = false;

		while (!ok &&
		       (payload = wait_msg(
				from, "obk_000000/power/get", NULL,
				(unsigned int)(deadline > now_ms() ? deadline - now_ms() : 1)))) {
			ok = atof(payload) > 57 && atof(payload) < 63;
			from = mark();
		}
		if (!ok)
			FAIL("power/get never read about 60 W");
	}
	resp = http(http_port[0], "GET", "/api/info", NULL, 0);
	if (!strstr(resp, "\"mqtttopic\":\"obk_000000\"") || !strstr(resp, "\"chipset\":\"BL602\""))
		FAIL("/api/info: %s", resp);

	/* a power cycle restores the relay with start value -1 */
	at = mark();
	/* over HTTP, so it has certainly run before the power cut */
	http(http_port[0], "GET", "/cm?cmnd=SetStartValue%201%20-1", NULL, 0);
	sim_cmd("reboot obk_000000");
	EXPECT_MSG(at, "obk_000000/connected", "offline", 10000);
	/* nothing publishes 1/get between the mark and the reboot */
	EXPECT_MSG(at, "obk_000000/rebootreason", "BL_RST_POWER_OFF", 15000);
	EXPECT_MSG(at, "obk_000000/1/get", "1", 5000);
	EXPECT_MSG(at, "obk_000000/bootcount", "2", 5000);

	/* freeze: the watchdog reboots it; reason and last log lines follow */
	at = mark();
	sim_cmd("freeze obk_000001");
	EXPECT_MSG(at, "obk_000001/connected", "offline", 10000);
	EXPECT_MSG(at, "obk_000001/rebootreason", "BL_RST_SOFTWARE_WATCHDOG", 15000);
	EXPECT_MSG(at, "obk_000001/lastlog", "Fault: main loop frozen", 5000);
	EXPECT_MSG(at, "obk_000001/bootcount", "2", 5000);
	resp = http(http_port[1], "GET", "/index?state=1", NULL, 0);
	if (!strstr(resp, "Reboot reason: BL_RST_SOFTWARE_WATCHDOG"))
		FAIL("/index?state=1 after watchdog: %s", resp);

	/* OTA: signed image into the inactive slot, reboot, new build reported */
	{
		char cmd[1024], img_path[160], pay_path[160];
		uint8_t *img;
		size_t len;
		FILE *f;

		snprintf(pay_path, sizeof(pay_path), "%s/payload.bin", tmpdir);
		snprintf(img_path, sizeof(img_path), "%s/fw.img", tmpdir);
		f = fopen(pay_path, "wb");
		for (int i = 0; i < 300000; i++)
			fputc(i & 0xFF, f);
		fclose(f);
		snprintf(cmd, sizeof(cmd),
			 "%s --key %s --chip BL602 --version 2.5.0 --in %s --out %s >/dev/null",
			 argv[2], argv[3], pay_path, img_path);
		if (system(cmd) != 0 || !(img = read_file(img_path, &len))) {
			FAIL("mkimage failed");
		} else {
			at = mark();
			resp = http(http_port[2], "POST", "/api/ota", img, len);
			snprintf(t2, sizeof(t2), "{\"size\":%zu}", len);
			if (!strstr(resp, t2))
				FAIL("/api/ota: %s", resp);
			EXPECT_MSG(at, "obk_000002/ota", "\"done\"", 5000);
			resp = http(http_port[2], "POST", "/api/reboot", NULL, 0);
			if (!strstr(resp, "{\"reboot\":3}"))
				FAIL("/api/reboot: %s", resp);
			EXPECT_MSG(at, "obk_000002/build", "OpenBL602 2.5.0 ", 20000);
			EXPECT_MSG(at, "obk_000002/rebootreason", "BL_RST_SOFTWARE", 5000);
			EXPECT_MSG(at, "obk_000002/ota", "confirmed", 5000);
			resp = http(http_port[2], "GET", "/api/info", NULL, 0);
			if (!strstr(resp, "version 2.5.0\""))
				FAIL("/api/info after OTA: %s", resp);
			/* a tampered image is refused and the plug keeps running 2.5.0 */
			img[len - 1] ^= 0xFF;
			resp = http(http_port[2], "POST", "/api/ota", img, len);
			if (!strstr(resp, "HTTP/1.1 -20 OK\n") || !strstr(resp, "Bad signature"))
				FAIL("tampered image: %s", resp);
			free(img);
		}
	}

	/* OTA by URL: plug 1 pulls from a server that serves at 8 kB/s and cuts
	 * the first connection mid-way; the plug resumes with a Range request
	 * for exactly what it has and reboots into the new build by itself */
	{
		struct pull_server srv = {
			.path = "/ota/tok1/fw.bin", .rate = 8000, .drop_at = 16000};

		if (pull_ota(m, 1, &srv, argv[2], argv[3], "3.0.0") &&
		    (srv.requests != 2 || srv.range_from[0] != -1 || srv.sent[0] != 16000 ||
		     srv.range_from[1] <= 0 || srv.range_from[1] > 16000 ||
		     (size_t)srv.range_from[1] + srv.sent[1] != srv.len))
			FAIL("pull: %u requests, ranges %ld/%ld, sent %zu/%zu of %zu", srv.requests,
			     srv.range_from[0], srv.range_from[1], srv.sent[0], srv.sent[1],
			     srv.len);
		/* a refused URL is answered on RESULT and starts nothing */
		at = mark();
		mosquitto_publish(m, NULL, "cmnd/obk_000001/ota_http", 24,
				  "https://127.0.0.1/fw.bin", 1, false);
		EXPECT_MSG(at, "stat/obk_000001/RESULT", "Only http://", 5000);
	}

	check_ssdp(ssdp_port);

	/* the other faults plugsim injects */
	at = mark();
	sim_cmd("crash obk_000001");
	EXPECT_MSG(at, "obk_000001/rebootreason", "BL_RST_FATAL_EXCEPTION", 15000);
	EXPECT_MSG(at, "obk_000001/lastlog", "Fault: load access fault", 5000);
	at = mark();
	sim_cmd("wifi-drop obk_000002 2");
	EXPECT_MSG(at, "obk_000002/connected", "offline", 5000);
	EXPECT_MSG(at, "obk_000002/connected", "online", 15000);
	/* plugsim's own download faults (for the hub's tests): plug 2 reads at
	 * most 20 kB/s and cuts its first download connection after 10000 bytes */
	sim_cmd("ota-http-rate obk_000002 20000");
	sim_cmd("ota-http-cut obk_000002 10000");
	{
		struct pull_server srv = {.path = "/ota/tok2/fw.bin", .rate = 1000000};
		uint64_t t0 = now_ms();

		if (pull_ota(m, 2, &srv, argv[2], argv[3], "3.1.0") &&
		    (srv.requests != 2 || srv.range_from[0] != -1 || srv.range_from[1] <= 0 ||
		     srv.range_from[1] > 10000 + 1024))
			FAIL("pull with plugsim faults: %u requests, resumed at %ld", srv.requests,
			     srv.range_from[1]);
		/* 40 kB at 20 kB/s cannot take less than 2 s */
		if (now_ms() - t0 < 1800)
			FAIL("ota-http-rate: the download took only %u ms",
			     (unsigned int)(now_ms() - t0));
	}
	at = mark();
	sim_cmd("leak obk_000001 40000");
	EXPECT_MSG(at, "obk_000001/rebootreason", "BL_RST_SOFTWARE", 25000);
	EXPECT_MSG(at, "obk_000001/lastlog", "Heap exhausted", 5000);
	sim_cmd("ota-fail obk_000000");
	{
		char img_path[160];
		uint8_t *img;
		size_t len;

		/* a good image, but the first write into the slot fails */
		snprintf(img_path, sizeof(img_path), "%s/fw.img", tmpdir);
		img = read_file(img_path, &len);
		resp = img ? http(http_port[0], "POST", "/api/ota", img, len) : "";
		if (!strstr(resp, "HTTP/1.1 -20 OK\n") || !strstr(resp, "Flash write failed"))
			FAIL("OTA with ota-fail: %s", resp);
		free(img);
		resp = http(http_port[0], "GET", "/api/info", NULL, 0);
		if (!strstr(resp, "version 1.0.0\""))
			FAIL("plug 0 no longer runs 1.0.0: %s", resp);
	}
	if (!sim_line("ERR", line, sizeof(line), 1) && write(sim_in, "bogus\n", 6) == 6 &&
	    !sim_line("ERR unknown command", NULL, 0, 5000))
		FAIL("plugsim did not refuse an unknown command");
	check_notify(notify_fd);

	/* the hub hands out new credentials (to the group, in one backlog); each
	 * plug saves them and reconnects once */
	at = mark();
	{
		const char *creds = "MqttUser plug; MqttPassword plugpw";

		mosquitto_publish(m, NULL, "cmnd/bl602s/backlog", (int)strlen(creds), creds, 1,
				  false);
	}
	for (int i = 0; i < NPLUGS; i++) {
		topic(t, sizeof(t), i, "connected");
		EXPECT_MSG(at, t, "offline", 10000);
		EXPECT_MSG(at, t, "online", 10000);
	}
	/* from now on only the new account works */
	if (!passwd("boot", NULL))
		FAIL("mosquitto_passwd -D failed");

	/* broker restart: every plug comes back by itself */
	stop_broker();
	if (!start_broker())
		FAIL("mosquitto did not restart");
	at = mark();
	for (int i = 0; i < NPLUGS; i++) {
		topic(t, sizeof(t), i, "connected");
		EXPECT_MSG(at, t, "online", 30000);
	}

	/* plugsim restarts with the same state dir and bootstrap: credentials,
	 * relay start state and the energy counter come back from flash */
	payload = wait_msg(0, "obk_000000/energycounter/get", NULL, 1);
	snprintf(t2, sizeof(t2), "%s", payload ? payload : "0");
	stop_sim();
	at = mark();
	if (start_sim()) {
		for (int i = 0; i < NPLUGS; i++) {
			topic(t, sizeof(t), i, "connected");
			EXPECT_MSG(at, t, "online", 15000);
		}
		EXPECT_MSG(at, "obk_000000/1/get", "1", 5000);
		payload = wait_msg(at, "obk_000000/energycounter/get", NULL, 10000);
		if (!payload || atof(payload) + 0.001 < atof(t2))
			FAIL("energy counter went from %s to %s across a restart", t2,
			     payload ? payload : "(none)");
	}

out:
	stop_sim();
	mosquitto_loop_stop(m, true);
	mosquitto_destroy(m);
	mosquitto_lib_cleanup();
	stop_broker();
	remove_tmpdir();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	else
		fprintf(stderr, "integration: all checks passed\n");
	return failures ? 1 : 0;
}
