/* esp_http_server routes: a firmware upload anyone can POST, the same with a login check, and a
 * web-asset upload (a partition that never boots). */
#include "esp_http_server.h"
#include "esp_ota_ops.h"
#include "esp_partition.h"

extern bool check_basic_auth(httpd_req_t *req);
extern bool is_private_network(httpd_req_t *req);

static esp_err_t ota_post(httpd_req_t *req)
{
    char buf[1024];
    int n;
    esp_ota_handle_t h;
    const esp_partition_t *p = esp_ota_get_next_update_partition(NULL);
    if (!is_private_network(req)) /* where the client is, not who it is */
        return httpd_resp_send_err(req, HTTPD_403_FORBIDDEN, "forbidden");
    esp_ota_begin(p, OTA_SIZE_UNKNOWN, &h);
    while ((n = httpd_req_recv(req, buf, sizeof buf)) > 0)
        // mamori-expect: update-unverified-image
        esp_ota_write(h, buf, n);
    esp_ota_end(h);
    esp_ota_set_boot_partition(p);
    esp_restart();
    return ESP_OK;
}

static esp_err_t ota_post_login(httpd_req_t *req)
{
    char buf[1024];
    int n;
    esp_ota_handle_t h;
    const esp_partition_t *p = esp_ota_get_next_update_partition(NULL);
    if (!check_basic_auth(req))
        return httpd_resp_send_err(req, HTTPD_401_UNAUTHORIZED, "login required");
    esp_ota_begin(p, OTA_SIZE_UNKNOWN, &h);
    while ((n = httpd_req_recv(req, buf, sizeof buf)) > 0)
        // mamori-expect: update-unverified-image
        esp_ota_write(h, buf, n);
    esp_ota_end(h);
    esp_ota_set_boot_partition(p);
    esp_restart();
    return ESP_OK;
}

static esp_err_t www_post(httpd_req_t *req)
{
    char buf[1024];
    int n, off = 0;
    const esp_partition_t *www = esp_partition_find_first(ESP_PARTITION_TYPE_DATA,
                                                          ESP_PARTITION_SUBTYPE_DATA_SPIFFS, "www");
    while ((n = httpd_req_recv(req, buf, sizeof buf)) > 0) {
        // mamori-ok: update-unverified-image (web pages: nothing boots them)
        esp_partition_write(www, off, buf, n);
        off += n;
    }
    return ESP_OK;
}

void start_server(httpd_handle_t server)
{
    httpd_uri_t ota = {
        // mamori-expect: update-unauthenticated-endpoint
        .uri = "/api/ota",
        .method = HTTP_POST,
        .handler = ota_post,
    };
    httpd_register_uri_handler(server, &ota);
    httpd_uri_t ota_login = {
        // mamori-ok: update-unauthenticated-endpoint
        .uri = "/api/ota2",
        .method = HTTP_POST,
        .handler = ota_post_login,
    };
    httpd_register_uri_handler(server, &ota_login);
    /* positional: uri, method, handler */
    // mamori-ok: update-unauthenticated-endpoint
    httpd_uri_t www = {"/api/www", HTTP_POST, www_post, NULL};
    httpd_register_uri_handler(server, &www);
}
