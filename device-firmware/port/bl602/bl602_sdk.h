#ifndef BL602_SDK_H
#define BL602_SDK_H

/* Every BL602 SDK (OpenBL602 / bl_iot_sdk) function and type the port uses,
 * declared here so the port compiles without the SDK tree; at link time the
 * SDK provides them. Names and signatures follow the SDK headers noted. */
#include <stddef.h>
#include <stdint.h>

/* FreeRTOS (components/bl602/freertos_riscv_ram) */
uint32_t xTaskGetTickCount(void); /* 1 tick = 1 ms in the SDK config */
void vTaskDelay(uint32_t ticks);
void vPortEnterCritical(void);
void vPortExitCritical(void);
size_t xPortGetFreeHeapSize(void);

/* bl_gpio.h */
int bl_gpio_enable_output(uint8_t pin, uint8_t pullup, uint8_t pulldown);
int bl_gpio_enable_input(uint8_t pin, uint8_t pullup, uint8_t pulldown);
int bl_gpio_output_set(uint8_t pin, uint8_t value);
int bl_gpio_input_get_value(uint8_t pin);
/* hal_gpio.h (hosal): OpenBeken's hal_pins_bl602.c attaches BL0937 CF/CF1 so */
#define BL602_GPIO_INT_CONTROL_ASYNC  1
#define BL602_GPIO_INT_TRIG_NEG_PULSE 0
#define BL602_GPIO_INT_TRIG_POS_PULSE 1
void hal_gpio_register_handler(void *func, int gpio_pin, int int_ctrl_mod, int int_trg_mod,
			       void *arg);

/* bl_flash.h */
int bl_flash_read(uint32_t addr, uint8_t *dst, int len);
int bl_flash_write(uint32_t addr, uint8_t *src, int len);
int bl_flash_erase(uint32_t addr, int len);

/* bl_wdt.h, bl_sys.h, bl_sec.h, bl_wifi.h */
int bl_wdt_init(int ms);
void bl_wdt_feed(void);
void bl_sys_reset_por(void);
uint32_t bl_rand(void);
int bl_wifi_mac_addr_get(uint8_t mac[6]);

/* wifi_mgmr_ext.h */
#define BL602_WIFI_STATE_CONNECTED_IP_GOT 4
int wifi_mgmr_state_get(int *state);
int wifi_mgmr_sta_ip_get(uint32_t *ip, uint32_t *gw, uint32_t *mask);
int wifi_mgmr_rssi_get(int *rssi);

/* lwIP 2.1 (components/network/lwip), IPv4 only as built by the SDK */
typedef int8_t err_t;
typedef struct ip4_addr {
	uint32_t addr;
} ip_addr_t;
#define BL602_ERR_OK 0
int ipaddr_aton(const char *cp, ip_addr_t *addr);
void sys_lock_tcpip_core(void);
void sys_unlock_tcpip_core(void);

/* lwip/apps/mqtt.h */
typedef struct mqtt_client_s mqtt_client_t;
typedef enum {
	MQTT_CONNECT_ACCEPTED = 0,
	MQTT_CONNECT_DISCONNECTED = 256,
	MQTT_CONNECT_TIMEOUT = 257,
} mqtt_connection_status_t;
struct mqtt_connect_client_info_t {
	const char *client_id;
	const char *client_user;
	const char *client_pass;
	uint16_t keep_alive;
	const char *will_topic;
	const char *will_msg;
	uint8_t will_qos;
	uint8_t will_retain;
};
#define BL602_MQTT_DATA_FLAG_LAST 1
typedef void (*mqtt_connection_cb_t)(mqtt_client_t *client, void *arg,
				     mqtt_connection_status_t status);
typedef void (*mqtt_incoming_publish_cb_t)(void *arg, const char *topic, uint32_t tot_len);
typedef void (*mqtt_incoming_data_cb_t)(void *arg, const uint8_t *data, uint16_t len,
					uint8_t flags);
typedef void (*mqtt_request_cb_t)(void *arg, err_t err);
mqtt_client_t *mqtt_client_new(void);
void mqtt_client_free(mqtt_client_t *client);
err_t mqtt_client_connect(mqtt_client_t *client, const ip_addr_t *ipaddr, uint16_t port,
			  mqtt_connection_cb_t cb, void *arg,
			  const struct mqtt_connect_client_info_t *client_info);
void mqtt_disconnect(mqtt_client_t *client);
void mqtt_set_inpub_callback(mqtt_client_t *client, mqtt_incoming_publish_cb_t pub_cb,
			     mqtt_incoming_data_cb_t data_cb, void *arg);
err_t mqtt_sub_unsub(mqtt_client_t *client, const char *topic, uint8_t qos, mqtt_request_cb_t cb,
		     void *arg, uint8_t sub);
err_t mqtt_publish(mqtt_client_t *client, const char *topic, const void *payload,
		   uint16_t payload_length, uint8_t qos, uint8_t retain, mqtt_request_cb_t cb,
		   void *arg);

/* lwip/sockets.h (lwip_ names, so no clash with picolibc) */
struct bl602_in_addr {
	uint32_t s_addr;
};
struct bl602_sockaddr_in {
	uint8_t sin_len;
	uint8_t sin_family;
	uint16_t sin_port;
	struct bl602_in_addr sin_addr;
	char sin_zero[8];
};
#define BL602_AF_INET     2
#define BL602_SOCK_STREAM 1
#define BL602_F_GETFL     3
#define BL602_F_SETFL     4
#define BL602_O_NONBLOCK  1
#define BL602_SHUT_WR     1
#define BL602_EWOULDBLOCK 11
int lwip_socket(int domain, int type, int protocol);
int lwip_bind(int s, const void *name, uint32_t namelen);
int lwip_listen(int s, int backlog);
int lwip_accept(int s, void *addr, uint32_t *addrlen);
int lwip_recv(int s, void *mem, size_t len, int flags);
int lwip_send(int s, const void *dataptr, size_t size, int flags);
int lwip_shutdown(int s, int how);
int lwip_close(int s);
int lwip_fcntl(int s, int cmd, int val);
uint16_t lwip_htons(uint16_t n);
/* outgoing connections (ota_http): non-blocking connect, completion seen
 * with lwip_poll (LWIP_SOCKET_POLL, on in 2.1), errors with SO_ERROR */
struct bl602_pollfd {
	int fd;
	short events;
	short revents;
};
#define BL602_POLLOUT    0x2
#define BL602_SOL_SOCKET 0xfff
#define BL602_SO_ERROR   0x1007
int lwip_connect(int s, const void *name, uint32_t namelen);
int lwip_poll(struct bl602_pollfd *fds, unsigned int nfds, int timeout);
int lwip_getsockopt(int s, int level, int optname, void *optval, uint32_t *optlen);

/* boot2's partition table, through a shim compiled in the SDK tree
 * (port/bl602/sdk/bl602_boot2_shim.c) with the SDK's hal_boot2 API. */
int bl602_boot2_select_fw(uint8_t slot, uint32_t image_len);

/* mbedTLS as shipped in the SDK (components/security/mbedtls, 2.x API) */
typedef struct bl602_mbedtls_sha256_context {
	uint32_t total[2];
	uint32_t state[8];
	unsigned char buffer[64];
	int is224;
} mbedtls_sha256_context;
void mbedtls_sha256_init(mbedtls_sha256_context *ctx);
void mbedtls_sha256_free(mbedtls_sha256_context *ctx);
int mbedtls_sha256_starts_ret(mbedtls_sha256_context *ctx, int is224);
int mbedtls_sha256_update_ret(mbedtls_sha256_context *ctx, const unsigned char *input, size_t ilen);
int mbedtls_sha256_finish_ret(mbedtls_sha256_context *ctx, unsigned char output[32]);
/* Verification goes through the SDK's mbedTLS via a small shim compiled in
 * the SDK tree (bl602_ecdsa_shim.c in README), so its big structs stay there. */
int bl602_ecdsa_p256_verify(const uint8_t pub[65], const uint8_t hash[32], const uint8_t sig[64]);

#endif
