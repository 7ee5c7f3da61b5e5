#include "message/compression.hpp"

#include <zlib.h>

#include <algorithm>

namespace rmq::message {

namespace {

constexpr std::size_t kMaxChunk = std::size_t{1} << 30;  // zlib counts in uInt

// Feeds `data` to zlib in uInt-sized pieces.
class InputFeeder {
  public:
    explicit InputFeeder(std::span<const char> data)
        : p_(reinterpret_cast<const Bytef*>(data.data())), left_(data.size()) {}
    void feed(z_stream& zs) {
        if (zs.avail_in != 0 || left_ == 0) return;
        const std::size_t n = std::min(left_, kMaxChunk);
        zs.next_in = const_cast<Bytef*>(p_);  // zlib's API is not const-correct
        zs.avail_in = static_cast<uInt>(n);
        p_ += n;
        left_ -= n;
    }
    bool exhausted(const z_stream& zs) const { return zs.avail_in == 0 && left_ == 0; }
    bool all_fed() const { return left_ == 0; }

  private:
    const Bytef* p_;
    std::size_t left_;
};

class Inflater {
  public:
    Inflater() { ok_ = inflateInit(&zs_) == Z_OK; }
    ~Inflater() {
        if (ok_) inflateEnd(&zs_);
    }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
    bool ok() const { return ok_; }
    z_stream& stream() { return zs_; }

  private:
    z_stream zs_{};
    bool ok_ = false;
};

common::Error zlib_error(const z_stream& zs, int rc) {
    return make_error(errc::corrupt_compressed_data,
                      zs.msg ? std::string(zs.msg) : "inflate error " + std::to_string(rc));
}

bool hard_error(int rc) {
    return rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END;
}

}  // namespace

Result<std::string> zlib_inflate(std::span<const char> data, std::size_t max_size) {
    Inflater inflater;
    if (!inflater.ok()) return make_error(errc::corrupt_compressed_data, "inflateInit failed");
    z_stream& zs = inflater.stream();
    InputFeeder input(data);

    std::string out;
    // Start near a typical ratio but never allocate more than the bound up front.
    out.resize(std::min(max_size, std::max<std::size_t>(data.size() * 4, 256)));
    std::size_t produced = 0;
    while (true) {
        input.feed(zs);
        if (produced == out.size()) {
            if (out.size() < max_size) {
                out.resize(std::min(max_size, out.size() * 2));
                continue;
            }
            // Full at the bound: the body fits only if the stream ends without another byte.
            unsigned char probe = 0;
            zs.next_out = &probe;
            zs.avail_out = 1;
            const int rc = inflate(&zs, Z_NO_FLUSH);
            if (zs.avail_out == 0) {
                return make_error(errc::inflated_too_large,
                                  "inflated body exceeds " + std::to_string(max_size) + " bytes");
            }
            if (rc == Z_STREAM_END) break;
            if (hard_error(rc)) return zlib_error(zs, rc);
            if (input.exhausted(zs)) {
                return make_error(errc::corrupt_compressed_data, "zlib stream is truncated");
            }
            continue;
        }
        const std::size_t room = std::min(out.size() - produced, kMaxChunk);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(room);
        const int rc = inflate(&zs, Z_NO_FLUSH);
        produced += room - zs.avail_out;
        if (rc == Z_STREAM_END) break;
        if (hard_error(rc)) return zlib_error(zs, rc);
        // Room left but no input left: the stream stopped before its end.
        if (zs.avail_out > 0 && input.exhausted(zs)) {
            return make_error(errc::corrupt_compressed_data, "zlib stream is truncated");
        }
    }
    out.resize(produced);
    return out;
}

std::string zlib_deflate(std::span<const char> data, int level) {
    z_stream zs{};
    deflateInit(&zs, level);
    InputFeeder input(data);
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(std::min(data.size(), kMaxChunk))) + 64);
    std::size_t produced = 0;
    int rc = Z_OK;
    do {
        input.feed(zs);
        if (produced == out.size()) out.resize(out.size() * 2);
        const std::size_t room = std::min(out.size() - produced, kMaxChunk);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(room);
        rc = deflate(&zs, input.all_fed() ? Z_FINISH : Z_NO_FLUSH);
        produced += room - zs.avail_out;
    } while (rc != Z_STREAM_END);
    deflateEnd(&zs);
    out.resize(produced);
    return out;
}

Result<std::string> decompress_body(std::span<const char> body, int32_t sys_flag,
                                    std::size_t max_size) {
    if ((sys_flag & proto::msg_sys_flag::kCompressed) == 0) {
        return std::string(body.data(), body.size());
    }
    switch (compression_type(sys_flag)) {
        case proto::CompressionType::LegacyZlib:
        case proto::CompressionType::ZLIB:
            return zlib_inflate(body, max_size);
        case proto::CompressionType::LZ4:
            return make_error(errc::unsupported_compression, "LZ4 bodies are not supported");
        case proto::CompressionType::ZSTD:
            return make_error(errc::unsupported_compression, "ZSTD bodies are not supported");
    }
    return make_error(
        errc::unsupported_compression,
        "compression type " + std::to_string(static_cast<int>(compression_type(sys_flag))));
}

}  // namespace rmq::message
