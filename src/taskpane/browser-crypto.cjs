// The part of Node's `crypto` that officecrypto-tool's agile encryption calls (createHash,
// createHmac, createCipheriv, createDecipheriv, randomBytes, getHashes), for the pane's
// backup worker only (webpack.config.js puts this file in place of `crypto`). Each is a
// maintained package crypto-browserify itself is made of, taken alone: crypto-browserify
// whole would add signing, Diffie-Hellman and RSA (elliptic, bn.js, asn1), which encryption
// never calls. No cryptography here. createHash is sha.js itself (update, digest), without
// create-hash's stream wrapper, which costs a stream per hash: the key derivation makes
// 100,000 hashes per password check. randomBytes is the browser's crypto.getRandomValues.
const cipher = require("browserify-cipher");

module.exports = {
  createHash: require("sha.js"),
  createHmac: require("create-hmac"),
  createCipheriv: cipher.createCipheriv,
  createDecipheriv: cipher.createDecipheriv,
  randomBytes: require("randombytes"),
  // What sha.js and create-hmac compute (officecrypto-tool checks its HMAC's hash is one).
  getHashes: () => ["sha1", "sha224", "sha256", "sha384", "sha512", "md5", "rmd160", "ripemd160"],
};
