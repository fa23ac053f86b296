#pragma once
// A PNG screenshot decoded to RGB pixels (libpng's simplified API), for checking what a browser
// drew. Included only by the report's browser test.
#include <png.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace ems120::test {

struct RgbImage {
    std::uint32_t width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // r, g, b per pixel, row by row

    const std::uint8_t* at(std::uint32_t x, std::uint32_t y) const { return &pixels[(std::size_t{y} * width + x) * 3]; }
};

inline RgbImage read_png(const std::string& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str()))
        throw std::runtime_error(path + ": not a readable PNG: " + image.message);
    image.format = PNG_FORMAT_RGB;
    RgbImage rgb;
    rgb.width = image.width;
    rgb.height = image.height;
    rgb.pixels.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, rgb.pixels.data(), 0, nullptr)) {
        const std::string message = image.message;
        png_image_free(&image);
        throw std::runtime_error(path + ": cannot decode: " + message);
    }
    return rgb;
}

// Within `tolerance` of the colour in every channel (anti-aliased edges are not counted).
inline bool near_colour(const std::uint8_t* p, std::uint8_t r, std::uint8_t g, std::uint8_t b, int tolerance) {
    return std::abs(p[0] - r) <= tolerance && std::abs(p[1] - g) <= tolerance && std::abs(p[2] - b) <= tolerance;
}

}  // namespace ems120::test
