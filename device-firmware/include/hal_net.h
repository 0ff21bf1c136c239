#ifndef HAL_NET_H
#define HAL_NET_H

#include "hal.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Link (Wi-Fi) */
bool hal_net_link_up(struct hal *h);
int hal_net_ip(struct hal *h, char *buf, size_t len);
int hal_net_rssi(struct hal *h); /* dBm */
void hal_net_mac(struct hal *h, uint8_t mac[6]);

#endif
