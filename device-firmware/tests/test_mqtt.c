/* OpenBeken MQTT surface: LWT, subscriptions, self info, commands, RESULT. */
#include <string.h>

#include "cmd.h"
#include "testkit.h"

static void connect_publishes_online_and_state(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	const struct fake_pub *pub;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	pub = fake_hal_find_pub(&h, "obk_test/connected");
	CHECK(pub && strcmp(pub->payload, "online") == 0 && pub->retain && pub->qos == 2);
	CHECK(h.nsubs >= 5);
	CHECK_STR(h.subs[0], "obk_test/+/set");
	CHECK_STR(h.subs[2], "cmnd/obk_test/+");
	pub = fake_hal_find_pub(&h, "obk_test/build");
	CHECK(pub && strncmp(pub->payload, "OpenBL602 1.0.0 ", 16) == 0);
	pub = fake_hal_find_pub(&h, "obk_test/mac");
	CHECK(pub && strcmp(pub->payload, "02:42:00:00:00:07") == 0);
	CHECK(fake_hal_find_pub(&h, "obk_test/host") != NULL);
	CHECK_STR(fake_hal_find_pub(&h, "obk_test/host")->payload, "obl00000007");
	CHECK(fake_hal_find_pub(&h, "obk_test/ip") != NULL);
	CHECK(fake_hal_find_pub(&h, "obk_test/uptime") != NULL);
	CHECK(fake_hal_find_pub(&h, "obk_test/freeheap") != NULL);
	CHECK(fake_hal_find_pub(&h, "obk_test/rssi") != NULL);
	CHECK_STR(fake_hal_find_pub(&h, "obk_test/1/get")->payload, "0");
	fake_hal_free(&h);
}

static void power_commands_answer_result(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	fake_hal_clear_pubs(&h);
	testkit_msg(&p, "cmnd/obk_test/POWER", "ON");
	CHECK(p.relay.on[0]);
	CHECK_STR(fake_hal_find_pub(&h, "stat/obk_test/RESULT")->payload, "{\"POWER\":\"ON\"}");
	CHECK_STR(fake_hal_find_pub(&h, "obk_test/1/get")->payload, "1");
	CHECK(fake_hal_find_pub(&h, "stat/obk_test/POWER") == NULL); /* OBK never sends it */
	testkit_msg(&p, "cmnd/obk_test/power", "toggle");
	CHECK(!p.relay.on[0]);
	testkit_msg(&p, "cmnd/obk_test/POWER1", "on");
	CHECK(p.relay.on[0]);
	fake_hal_clear_pubs(&h);
	testkit_msg(&p, "cmnd/obk_test/POWER", "");
	CHECK(p.relay.on[0]);
	CHECK_STR(fake_hal_find_pub(&h, "stat/obk_test/RESULT")->payload, "{\"POWER\":\"ON\"}");
	CHECK(fake_hal_find_pub(&h, "obk_test/1/get") == NULL); /* no change, no channel publish */
	/* STATE: the Tasmota-shaped health object, on RESULT */
	fake_hal_clear_pubs(&h);
	testkit_msg(&p, "cmnd/obk_test/STATE", "");
	CHECK(fake_hal_find_pub(&h, "stat/obk_test/RESULT") != NULL);
	if (fake_hal_find_pub(&h, "stat/obk_test/RESULT")) {
		const char *st = fake_hal_find_pub(&h, "stat/obk_test/RESULT")->payload;

		CHECK(strncmp(st, "{\"Time\":\"1970-01-01T00:00:00\",\"Uptime\":\"0T00:00:0", 47) ==
		      0);
		CHECK(strstr(st, "\"UptimeSec\":") != NULL);
		CHECK(strstr(st, "\"Heap\":97,") != NULL);
		CHECK(strstr(st, "\"POWER\":\"ON\",") != NULL);
		CHECK(strstr(st, "\"RSSI\":100,\"Signal\":-50,") != NULL);
		CHECK(st[strlen(st) - 1] == '}' && st[strlen(st) - 2] == '}');
	}
	testkit_msg(&p, "cmnd/bl602s/POWER", "OFF"); /* group topic */
	CHECK(!p.relay.on[0]);
	testkit_msg(&p, "cmnd/other/POWER", "ON");
	CHECK(!p.relay.on[0]);
	/* a failed command says why and changes nothing */
	fake_hal_clear_pubs(&h);
	testkit_msg(&p, "cmnd/obk_test/SetStartValue", "1 5");
	CHECK_STR(fake_hal_find_pub(&h, "stat/obk_test/RESULT")->payload,
		  "{\"Command\":\"SetStartValue\",\"Error\":\"Bad argument\"}");
	CHECK(p.cfg.start_values[0] == 0);
	testkit_msg(&p, "cmnd/obk_test/NoSuch\"Cmd", "");
	CHECK_STR(fake_hal_find_pub(&h, "stat/obk_test/RESULT")->payload,
		  "{\"Command\":\"NoSuch\\\"Cmd\",\"Error\":\"Unknown command\"}");
	fake_hal_free(&h);
}

static void channel_set_uses_atoi_and_toggle(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	testkit_msg(&p, "obk_test/1/set", "1");
	CHECK(p.relay.on[0]);
	testkit_msg(&p, "obk_test/1/set", "ON"); /* atoi("ON") == 0, as on OpenBeken */
	CHECK(!p.relay.on[0]);
	testkit_msg(&p, "obk_test/1/set", "Toggle");
	CHECK(p.relay.on[0]);
	testkit_msg(&p, "obk_test/99/set", "0");
	testkit_msg(&p, "obk_test/1/set/extra", "0");
	CHECK(p.relay.on[0]);
	fake_hal_clear_pubs(&h);
	testkit_msg(&p, "obk_test/1/get", "");
	CHECK_STR(fake_hal_find_pub(&h, "obk_test/1/get")->payload, "1");
	fake_hal_clear_pubs(&h);
	testkit_msg(&p, "obk_test/1/get", "1"); /* our own publish echoed back */
	CHECK(h.npubs == 0);
	fake_hal_free(&h);
}

static void oversized_and_binary_input_changes_nothing(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	static char big[4000];
	static const uint8_t nul_payload[] = {'O', 'N', 0, 'X'};

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	testkit_connect(&p, &h);
	memset(big, 'A', sizeof(big) - 1);
	testkit_msg(&p, "cmnd/obk_test/POWER", big);
	CHECK(!p.relay.on[0]);
	mqtt_link_on_message(&p, "cmnd/obk_test/POWER", 19, nul_payload, sizeof(nul_payload));
	CHECK(!p.relay.on[0]);
	testkit_msg(&p, big, "ON");
	CHECK(!p.relay.on[0]);
	fake_hal_free(&h);
}

static void command_replies_match_openbeken(void)
{
	struct plug_params pp;
	struct plug p;
	struct hal h;
	struct cmd_reply r;

	fake_hal_init(&h);
	testkit_params(&pp);
	CHECK(testkit_boot(&p, &h, &pp) == 0);
	cmd_reply_init(&r);
	CHECK(cmd_execute_line(&p, "SetChannel 1 1", 14, CMD_SRC_HTTP, &r) == CMD_RES_OK);
	CHECK_STR(r.buf, "1");
	cmd_reply_init(&r);
	CHECK(cmd_execute_line(&p, "MqttPassword", 12, CMD_SRC_HTTP, &r) == CMD_RES_OK);
	CHECK_STR(r.buf, "{\"MqttPassword\":\"****\"}");
	cmd_reply_init(&r);
	CHECK(cmd_execute_line(&p, "NoSuchThing 1", 13, CMD_SRC_HTTP, &r) ==
	      CMD_RES_UNKNOWN_COMMAND);
	CHECK_STR(r.buf, "{}");
	cmd_reply_init(&r);
	CHECK(cmd_execute_line(&p, "SetStartValue 1", 15, CMD_SRC_HTTP, &r) ==
	      CMD_RES_NOT_ENOUGH_ARGUMENTS);
	cmd_reply_init(&r);
	CHECK(cmd_execute_line(&p, "SetStartValue 1 7", 17, CMD_SRC_HTTP, &r) ==
	      CMD_RES_BAD_ARGUMENT);
	cmd_reply_init(&r);
	CHECK(cmd_execute_line(&p, "backlog backlog POWER ON", 24, CMD_SRC_HTTP, &r) ==
	      CMD_RES_BAD_ARGUMENT);
	cmd_reply_init(&r);
	CHECK(cmd_execute_line(&p, "PowerSet 60", 11, CMD_SRC_HTTP, &r) == CMD_RES_ERROR);
	fake_hal_free(&h);
}

int main(void)
{
	TESTKIT_RUN(connect_publishes_online_and_state);
	TESTKIT_RUN(power_commands_answer_result);
	TESTKIT_RUN(channel_set_uses_atoi_and_toggle);
	TESTKIT_RUN(oversized_and_binary_input_changes_nothing);
	TESTKIT_RUN(command_replies_match_openbeken);
	return testkit_exit();
}
