#include "body/register_broker_body.hpp"

#include <cstdint>
#include <span>

#include "json/write.hpp"
#include "message/compression.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

constexpr int kBestCompression = 9;  // Deflater.BEST_COMPRESSION

void put_int(std::string& out, uint32_t v) {
    out.push_back(static_cast<char>(v >> 24));
    out.push_back(static_cast<char>(v >> 16));
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v));
}

void put_block(std::string& out, std::string_view block) {
    put_int(out, static_cast<uint32_t>(block.size()));
    out.append(block);
}

class Cursor {
  public:
    explicit Cursor(std::string_view data) : data_(data) {}

    std::optional<int32_t> get_int() {
        if (data_.size() - pos_ < 4) return std::nullopt;
        uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = (v << 8) | static_cast<unsigned char>(data_[pos_++]);
        return static_cast<int32_t>(v);
    }

    std::optional<std::string_view> get_block() {
        auto len = get_int();
        if (!len || *len < 0 || static_cast<size_t>(*len) > data_.size() - pos_)
            return std::nullopt;
        std::string_view block = data_.substr(pos_, static_cast<size_t>(*len));
        pos_ += block.size();
        return block;
    }

  private:
    std::string_view data_;
    size_t pos_ = 0;
};

common::Error truncated(std::string_view what) {
    return {errc::truncated, "compressed register body: truncated " + std::string(what)};
}

Result<RegisterBrokerBody> decode_compressed(std::string_view bytes) {
    auto inflated = message::zlib_inflate(std::span<const char>(bytes.data(), bytes.size()));
    if (!inflated) return detail::bad_body("compressed register body: not a valid zlib stream");
    Cursor in(*inflated);
    RegisterBrokerBody body;
    auto version_text = in.get_block();
    if (!version_text) return truncated("data version");
    auto version = DataVersion::decode(*version_text);
    if (!version) return common::in_context("compressed register body", version.error());
    body.topic_config_serialize_wrapper.data_version = *version;
    auto count = in.get_int();
    if (!count || *count < 0) return truncated("topic count");
    for (int32_t i = 0; i < *count; ++i) {
        auto text = in.get_block();
        if (!text) return truncated("topic config");
        auto config = TopicConfig::decode_text(*text);
        if (!config)
            return detail::bad_body("compressed register body: bad topic config \""
                                    + std::string(*text) + "\"");
        std::string name = config->topic_name;
        body.topic_config_serialize_wrapper.topic_config_table.insert_or_assign(std::move(name),
                                                                                std::move(*config));
    }
    auto filters_text = in.get_block();
    if (!filters_text) return truncated("filter server list");
    auto filters = detail::parse_text(*filters_text);
    if (!filters) return common::in_context("compressed register body", filters.error());
    if (!filters->is_null()) {
        auto list = detail::strings_from_json(*filters, "filterServerList");
        if (!list) return list.error();
        body.filter_server_list = std::move(*list);
    }
    return body;
}

}  // namespace

json::Value RegisterBrokerBody::to_json() const {
    json::Value v;
    v.set("filterServerList", detail::string_array(filter_server_list));
    v.set("topicConfigSerializeWrapper", topic_config_serialize_wrapper.to_json());
    return v;
}

std::string RegisterBrokerBody::encode() const {
    return json::write(to_json());
}

Result<RegisterBrokerBody> RegisterBrokerBody::from_json(const json::Value& value) {
    RegisterBrokerBody body;
    detail::Reader reader(value, "register broker body");
    reader.read("filterServerList", body.filter_server_list);
    if (const json::Value* wrapper = reader.property("topicConfigSerializeWrapper")) {
        auto w = TopicConfigSerializeWrapper::from_json(*wrapper);
        if (!w) return w.error();
        body.topic_config_serialize_wrapper = std::move(*w);
    }
    if (auto r = reader.result(); !r) return r.error();
    return body;
}

std::string RegisterBrokerBody::encode_compressed() const {
    std::string plain;
    put_block(plain, topic_config_serialize_wrapper.data_version.encode());
    put_int(plain, static_cast<uint32_t>(topic_config_serialize_wrapper.topic_config_table.size()));
    for (const auto& [name, config] : topic_config_serialize_wrapper.topic_config_table)
        put_block(plain, config.encode_text());
    put_block(plain, json::write(detail::string_array(filter_server_list)));
    return message::zlib_deflate(std::span<const char>(plain.data(), plain.size()),
                                 kBestCompression);
}

Result<RegisterBrokerBody> RegisterBrokerBody::decode(std::string_view bytes, bool compressed) {
    if (compressed) return decode_compressed(bytes);
    return detail::decode_as<RegisterBrokerBody>(bytes);
}

}  // namespace rmq::body
