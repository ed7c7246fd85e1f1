/* pizhu: what readers type, in the edition's words and cut into the index's words.
 *
 * Shared by both search engines' scripts (the plugin puts this file first in each):
 * pizhu-search.js (Material's own index) and pizhu-pagefind.js (Pagefind's, for large sites).
 * Both indexes hold the site's text cut by jieba with the glossary's words (src/pizhu/search.py);
 * a query must be cut the same way, and first brought to the edition's words:
 *   a. Han runs: the longest known phrase first (regional words: 晶片 -> 芯片 on an edition
 *      that writes 芯片), then character by character (商湯 -> 商汤, or back);
 *   b. toneless pinyin of the glossary's names, one word or several typed apart
 *      ("xubing", "xi wang") -> the name (徐冰, 曦望), kept beside the Latin word when that
 *      is an index word itself.
 * The maps (chars, phrases, pinyin) are written by the build (reader_forms / forms_of_words).
 * A vocabulary is { words: a Map or Set of lower-case index words, longest: the longest Han
 * word's length, forms: readerForms(maps) }.
 */
window.pizhuQuery = window.pizhuQuery || (function () {
  "use strict";

  /** The build's maps to the edition's words, or null (an index without them). */
  function readerForms(data) {
    if (!data || typeof data !== "object") return null;
    var phrases = new Map(Object.entries(data.phrases || {}));
    var longest = 1;
    phrases.forEach(function (word, form) { longest = Math.max(longest, Array.from(form).length); });
    return { chars: new Map(Object.entries(data.chars || {})), phrases: phrases, longest: longest,
             pinyin: new Map(Object.entries(data.pinyin || {})) };
  }

  /** A Han run in the edition's words: longest known phrase first, else character by character.
   *  ``plain``: leave out the phrases that keep a form as typed (an index word written in the
   *  other script, like a quoted 股價): the character map's reading of the run. */
  function hanToEdition(run, forms, plain) {
    var chars = Array.from(run);
    var out = "";
    for (var i = 0; i < chars.length;) {
      var length = Math.min(forms.longest, chars.length - i);
      for (; length >= 1; length--) {
        var piece = chars.slice(i, i + length).join("");
        if (forms.phrases.has(piece) && !(plain && forms.phrases.get(piece) === piece)) {
          out += forms.phrases.get(piece);
          break;
        }
      }
      if (length < 1) { out += forms.chars.get(chars[i]) || chars[i]; length = 1; }
      i += length;
    }
    return out;
  }

  var LETTERS = /^[a-z\u00fc]+$/i;
  var MAX_SYLLABLE_WORDS = 6;

  /** The query in the edition's words: Han runs converted, pinyin names replaced (see top).
   *  ``plain``: see hanToEdition. */
  function toEdition(query, vocab, plain) {
    var forms = vocab.forms;
    if (!forms) return query;
    var parts = query.replace(/\p{Script=Han}+/gu, function (run) { return hanToEdition(run, forms, plain); })
      .split(/(\s+)/);
    var out = [];
    for (var i = 0; i < parts.length;) {
      var name = null;
      var end = i;
      if (LETTERS.test(parts[i])) {
        // Words sit at every other place (separators between them); the longest run that spells a name wins.
        for (end = Math.min(parts.length - 1, i + 2 * (MAX_SYLLABLE_WORDS - 1)); end >= i && !name; end -= 2) {
          var joined = "";
          for (var k = i; k <= end; k += 2) joined += LETTERS.test(parts[k]) ? parts[k].toLowerCase() : "\n";
          name = forms.pinyin.get(joined.replace(/\u00fc/g, "v")) || null;
        }
        end += 2;
      }
      if (!name) { out.push(parts[i]); i += 1; continue; }
      var typed = parts.slice(i, end + 1).join("");
      out.push(vocab.words.has(typed.toLowerCase()) ? name + " " + typed : name);
      i = end + 1;
    }
    return out.join("");
  }

  /** Cut a Han run into pieces: most characters in known words, then fewest pieces. */
  function cut(run, vocab) {
    var chars = Array.from(run);
    var best = [{ unknown: 0, pieces: 0, parts: [] }];
    for (var end = 1; end <= chars.length; end++) {
      var choice = null;
      for (var start = Math.max(0, end - vocab.longest); start < end; start++) {
        var piece = chars.slice(start, end).join("");
        if (!vocab.words.has(piece.toLowerCase())) continue;
        choice = better(choice, extend(best[start], piece, true));
      }
      // A character in no word joins the unknown stretch before it.
      choice = better(choice, extend(best[end - 1], chars[end - 1], false));
      best[end] = choice;
    }
    return best[chars.length].parts;
  }

  function extend(path, piece, known) {
    var parts = path.parts.slice();
    var last = parts[parts.length - 1];
    if (!known && last && !last.known) {
      parts[parts.length - 1] = { text: last.text + piece, known: false };
      return { unknown: path.unknown + 1, pieces: path.pieces, parts: parts };
    }
    parts.push({ text: piece, known: known });
    return { unknown: path.unknown + (known ? 0 : Array.from(piece).length), pieces: path.pieces + 1, parts: parts };
  }

  function better(a, b) {
    if (!a) return b;
    if (b.unknown !== a.unknown) return b.unknown < a.unknown ? b : a;
    if (b.pieces !== a.pieces) return b.pieces < a.pieces ? b : a;
    // Equal: prefer the longer first piece (reading order).
    return firstLength(b) > firstLength(a) ? b : a;
  }

  function firstLength(path) {
    return path.parts.length ? Array.from(path.parts[0].text).length : 0;
  }

  return { readerForms: readerForms, toEdition: toEdition, cut: cut };
})();
