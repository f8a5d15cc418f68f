/* http-mhd.h: the libmicrohttpd callbacks http.c gives serve.c's daemon.
 * Only serve.c and http.c include this (and <microhttpd.h>). */
#ifndef KAOHE_HTTP_MHD_H
#define KAOHE_HTTP_MHD_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <microhttpd.h>

/* What every request needs to know about the daemon. */
void kh_http_configure(size_t max_body, int tls);

/* The access handler (MHD_AccessHandlerCallback): collects the body up to
 * the limit, then dispatches (kh_http_dispatch) and queues the answer. */
enum MHD_Result kh_http_access(void *cls, struct MHD_Connection *connection,
                               const char *url, const char *method,
                               const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls);

/* MHD_OPTION_NOTIFY_COMPLETED: writes the request's log line and frees
 * its state. */
void kh_http_completed(void *cls, struct MHD_Connection *connection,
                       void **con_cls, enum MHD_RequestTerminationCode toe);

/* Requests started and not yet completed (for a graceful stop), and the
 * switch that makes every later answer close its connection. */
long kh_http_in_flight(void);
void kh_http_closing(void);

#endif
