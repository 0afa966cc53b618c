#ifndef SUMMITWATCH_CCURL_SHIM_H
#define SUMMITWATCH_CCURL_SHIM_H

#include <curl/curl.h>

// Swift cannot call C variadic functions: curl_easy_setopt, curl_easy_getinfo and
// curl_multi_setopt are wrapped here, one wrapper per argument type.

static inline CURLcode sw_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sw_easy_setopt_offset(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }

typedef size_t (*sw_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode sw_easy_setopt_write(CURL *h, CURLoption o, sw_write_callback cb) { return curl_easy_setopt(h, o, cb); }

typedef int (*sw_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode sw_easy_setopt_xferinfo(CURL *h, sw_xferinfo_callback cb) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb); }

typedef curl_socket_t (*sw_opensocket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);
static inline CURLcode sw_easy_setopt_opensocket(CURL *h, sw_opensocket_callback cb) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, cb); }

// Called before every request, on a new or a reused connection, with the peer it will go to (libcurl >= 7.80).
typedef int (*sw_prereq_callback)(void *clientp, char *conn_primary_ip, char *conn_local_ip, int conn_primary_port, int conn_local_port);
static inline CURLcode sw_easy_setopt_prereq(CURL *h, sw_prereq_callback cb) { return curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, cb); }

static inline CURLcode sw_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sw_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sw_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sw_easy_getinfo_offset(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode sw_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// The CURLMsg union is awkward from Swift: hand back the finished handle and its result.
static inline CURL *sw_multi_next_done(CURLM *m, CURLcode *result) {
    int left = 0;
    CURLMsg *msg;
    while ((msg = curl_multi_info_read(m, &left)) != NULL) {
        if (msg->msg == CURLMSG_DONE) { *result = msg->data.result; return msg->easy_handle; }
    }
    return NULL;
}

#endif
