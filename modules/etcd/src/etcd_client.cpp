#include "etcd/etcd_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <charconv>

#include "base64.hpp"
#include "json/parse.hpp"
#include "json/value.hpp"
#include "json/write.hpp"

namespace rmq::etcd {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

/// The gateway writes 64-bit integers as JSON strings ("revision":"2"); a missing field is 0
/// (proto3 leaves out default values, e.g. the TTL of an expired lease).
int64_t int_field(const json::Value& object, std::string_view key) {
    const json::Value* v = object.find(key);
    if (!v) return 0;
    if (const auto* i = v->if_int()) return *i;
    if (const auto* s = v->if_string()) {
        int64_t n = 0;
        std::from_chars(s->data(), s->data() + s->size(), n);
        return n;
    }
    return 0;
}

std::string decoded_field(const json::Value& object, std::string_view key) {
    const json::Value* v = object.find(key);
    const auto* s = v ? v->if_string() : nullptr;
    if (!s) return {};
    return base64_decode(*s).value_or(std::string());
}

KeyValue key_value(const json::Value& kv) {
    KeyValue r;
    r.key = decoded_field(kv, "key");
    r.value = decoded_field(kv, "value");
    r.create_revision = int_field(kv, "create_revision");
    r.mod_revision = int_field(kv, "mod_revision");
    r.lease = int_field(kv, "lease");
    return r;
}

std::vector<KeyValue> key_values(const json::Value& range_response) {
    std::vector<KeyValue> out;
    if (const json::Value* kvs = range_response.find("kvs"); kvs && kvs->if_array())
        for (const auto& kv : *kvs->if_array())
            out.push_back(key_value(kv));
    return out;
}

json::Value put_request(const Put& put) {
    json::Value r = json::Value::object();
    r.set("key", base64_encode(put.key));
    r.set("value", base64_encode(put.value));
    if (put.lease != 0) r.set("lease", std::to_string(put.lease));
    return r;
}

/// The answer as JSON; etcd's own errors ({"error": ..., "code": ...}) become `refused`.
Result<json::Value> parse_answer(const std::string& text) {
    auto parsed = json::parse(text);
    if (!parsed || !parsed->is_object())
        return common::Error{errc::bad_answer,
                             "etcd answered something that is not JSON: " + text.substr(0, 200)};
    if (const json::Value* error = parsed->find("error"); error && error->if_string())
        return common::Error{errc::refused, "etcd: " + *error->if_string()};
    return std::move(*parsed);
}

struct Endpoint {
    std::string host;
    std::string port;
};

Endpoint split_endpoint(std::string_view text) {
    if (text.starts_with("http://")) text.remove_prefix(7);
    if (const auto slash = text.find('/'); slash != std::string_view::npos)
        text = text.substr(0, slash);
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return {std::string(text), "2379"};
    return {std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

}  // namespace

std::string prefix_range_end(std::string prefix) {
    while (!prefix.empty()) {
        auto& last = prefix.back();
        if (static_cast<unsigned char>(last) < 0xff) {
            ++last;
            return prefix;
        }
        prefix.pop_back();
    }
    return std::string(1, '\0');  // every key
}

Client::Client(std::vector<std::string> endpoints, std::chrono::milliseconds timeout)
    : endpoints_(std::move(endpoints)), timeout_(timeout) {
}

asio::awaitable<Result<std::string>> Client::post(std::string path, std::string body) {
    const auto executor = co_await asio::this_coro::executor;
    std::string failures;
    for (const auto& endpoint_text : endpoints_) {
        const Endpoint endpoint = split_endpoint(endpoint_text);
        try {
            tcp::resolver resolver(executor);
            beast::tcp_stream stream(executor);
            stream.expires_after(timeout_);
            const auto resolved =
                co_await resolver.async_resolve(endpoint.host, endpoint.port, asio::use_awaitable);
            co_await stream.async_connect(resolved, asio::use_awaitable);
            http::request<http::string_body> request(http::verb::post, path, 11);
            request.set(http::field::host, endpoint.host);
            request.set(http::field::content_type, "application/json");
            request.body() = body;
            request.prepare_payload();
            co_await http::async_write(stream, request, asio::use_awaitable);
            beast::flat_buffer buffer;
            http::response<http::string_body> response;
            co_await http::async_read(stream, buffer, response, asio::use_awaitable);
            beast::error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
            // etcd's errors come with a JSON body (and a 4xx/5xx status): the caller reads them.
            co_return std::move(response.body());
        } catch (const std::exception& e) {
            failures += (failures.empty() ? "" : "; ") + endpoint_text + ": " + e.what();
        }
    }
    co_return common::Error{errc::unreachable,
                            "no etcd endpoint answered " + path + " ("
                                + (failures.empty() ? "none configured" : failures) + ")"};
}

asio::awaitable<Result<int64_t>> Client::grant_lease(int64_t ttl_seconds) {
    json::Value request = json::Value::object();
    request.set("TTL", std::to_string(ttl_seconds));
    auto text = co_await post("/v3/lease/grant", json::write(request));
    if (!text) co_return text.error();
    auto answer = parse_answer(*text);
    if (!answer) co_return answer.error();
    const int64_t id = int_field(*answer, "ID");
    if (id == 0) co_return common::Error{errc::bad_answer, "etcd granted no lease: " + *text};
    co_return id;
}

asio::awaitable<Result<int64_t>> Client::keep_alive(int64_t lease) {
    json::Value request = json::Value::object();
    request.set("ID", std::to_string(lease));
    auto text = co_await post("/v3/lease/keepalive", json::write(request));
    if (!text) co_return text.error();
    auto answer = parse_answer(*text);
    if (!answer) co_return answer.error();
    // A streaming call: the gateway wraps each answer in "result".
    const json::Value* result = answer->find("result");
    if (!result) co_return common::Error{errc::bad_answer, "keep-alive without a result: " + *text};
    co_return int_field(*result, "TTL");
}

asio::awaitable<Result<void>> Client::revoke(int64_t lease) {
    json::Value request = json::Value::object();
    request.set("ID", std::to_string(lease));
    auto text = co_await post("/v3/lease/revoke", json::write(request));
    if (!text) co_return text.error();
    auto answer = parse_answer(*text);
    if (!answer) co_return answer.error();
    co_return Result<void>{};
}

asio::awaitable<Result<std::vector<KeyValue>>> Client::range(std::string key,
                                                             std::string range_end) {
    json::Value request = json::Value::object();
    request.set("key", base64_encode(key));
    if (!range_end.empty()) request.set("range_end", base64_encode(range_end));
    auto text = co_await post("/v3/kv/range", json::write(request));
    if (!text) co_return text.error();
    auto answer = parse_answer(*text);
    if (!answer) co_return answer.error();
    co_return key_values(*answer);
}

asio::awaitable<Result<std::optional<KeyValue>>> Client::get(std::string key) {
    auto found = co_await range(std::move(key), {});
    if (!found) co_return found.error();
    if (found->empty()) co_return std::optional<KeyValue>{};
    co_return std::optional<KeyValue>{std::move(found->front())};
}

asio::awaitable<Result<std::vector<KeyValue>>> Client::get_prefix(std::string prefix) {
    auto end = prefix_range_end(prefix);
    co_return co_await range(std::move(prefix), std::move(end));
}

asio::awaitable<Result<int64_t>> Client::put(Put put) {
    auto text = co_await post("/v3/kv/put", json::write(put_request(put)));
    if (!text) co_return text.error();
    auto answer = parse_answer(*text);
    if (!answer) co_return answer.error();
    const json::Value* header = answer->find("header");
    co_return header ? int_field(*header, "revision") : 0;
}

asio::awaitable<Result<TxnResult>> Client::txn(std::vector<Compare> compares,
                                               std::vector<Put> puts) {
    json::Value request = json::Value::object();
    json::Value compare_list = json::Value::array();
    for (const auto& c : compares) {
        json::Value item = json::Value::object();
        item.set("key", base64_encode(c.key));
        item.set("result", "EQUAL");
        if (c.target == Compare::create_revision) {
            item.set("target", "CREATE");
            item.set("create_revision", std::to_string(c.revision));
        } else {
            item.set("target", "MOD");
            item.set("mod_revision", std::to_string(c.revision));
        }
        compare_list.push_back(std::move(item));
    }
    json::Value success = json::Value::array();
    for (const auto& p : puts) {
        json::Value op = json::Value::object();
        op.set("request_put", put_request(p));
        success.push_back(std::move(op));
    }
    request.set("compare", std::move(compare_list));
    request.set("success", std::move(success));
    auto text = co_await post("/v3/kv/txn", json::write(request));
    if (!text) co_return text.error();
    auto answer = parse_answer(*text);
    if (!answer) co_return answer.error();
    TxnResult r;
    if (const json::Value* s = answer->find("succeeded"); s && s->if_bool())
        r.succeeded = *s->if_bool();
    if (const json::Value* header = answer->find("header"))
        r.revision = int_field(*header, "revision");
    co_return r;
}

}  // namespace rmq::etcd
