// The Interactive HTML download (geo/render/interactive.py): one view of the rollout on a page
// of its own, for any date. SC_PAGE holds the map (as rollout_layer.js draws it), the
// words, and each county's activation day, population and state; this script colours
// the areas and counts the headline numbers for the date chosen with the slider, the
// play button or the address's #as_of=YYYY-MM-DD. Every text is set with textContent.
// Every word it writes, and the month names, come in SC_PAGE in the page's language.
(function () {
  "use strict";

  var page = window.SC_PAGE, rollout = page.rollout, words = page.words, text = page.text;
  var DAY_MS = 86400000;
  var PLAY_STEP_MS = 400;

  function byId(id) { return document.getElementById(id); }

  function utc(day) { return new Date(day * DAY_MS); }

  function fill(message, values) {  // a message with its {names} replaced by their values
    return message.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function pad(number, digits) {
    var written = String(number);
    while (written.length < digits) { written = "0" + written; }
    return written;
  }

  // A day written by a Babel date pattern, as geo.i18n writes dates: d or dd (day),
  // MMM or MMMM (month name), M or MM (month number), y (year), 'quoted' words.
  function formatDate(day, pattern) {
    var date = utc(day), month = date.getUTCMonth(), year = date.getUTCFullYear();
    var tokens = pattern.match(/'(?:[^']|'')*'|d+|M+|y+|[^'dMy]+/g) || [];
    return tokens.map(function (token) {
      var letter = token.charAt(0), size = token.length;
      if (letter === "'") { return size === 2 ? "'" : token.slice(1, -1).replace(/''/g, "'"); }
      if (letter === "d") { return pad(date.getUTCDate(), size); }
      if (letter === "M") {
        return size >= 4 ? page.dates.months[month] :
          size === 3 ? page.dates.monthsShort[month] : pad(month + 1, size);
      }
      if (letter === "y") { return size === 2 ? pad(year % 100, 2) : pad(year, size); }
      return token;
    }).join("");
  }

  function shortDate(day) { return formatDate(day, page.dates.short); }  // 17 Feb 2011

  function longDate(day) { return formatDate(day, page.dates.long); }  // 17 February 2011

  function isoDate(day) { return utc(day).toISOString().slice(0, 10); }

  function dayOf(iso) {  // YYYY-MM-DD to a day number, or null
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) { return null; }
    var time = Date.parse(iso + "T00:00:00Z");
    return isNaN(time) || isoDate(time / DAY_MS) !== iso ? null : time / DAY_MS;
  }

  function nextMonth(day) {  // a month later, on the month's last day if shorter; never past the end
    var date = utc(day), year = date.getUTCFullYear(), month = date.getUTCMonth() + 1;
    var last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    var next = Date.UTC(year, month, Math.min(date.getUTCDate(), last)) / DAY_MS;
    return Math.min(next, rollout.last);
  }

  function count(number) { return number.toLocaleString("en-US"); }

  function percent(share, digits) { return (share * 100).toFixed(digits) + "%"; }

  function activated(row, day) {
    var when = rollout.day[row];
    return when !== null && when <= day;
  }

  // The class of every area on `day`.
  function classesOn(day) {
    var rule = rollout.areas;
    if (rule.kind === "counties") {
      return rule.after.map(function (after, row) {
        return activated(row, day) ? after : rule.before[row];
      });
    }
    var shares = sharesOn(day);
    return shares.map(function (state) {
      var share = rule.measure === "population" ? state.population / state.people :
        rule.measure === "noncitizens" ? state.noncitizens / state.allNoncitizens :
        state.activated / state.counties;
      return share <= 0 ? 0 : share >= 1 ? rule.bands + 1 :
        Math.min(Math.max(Math.ceil(share * rule.bands), 1), rule.bands);
    });
  }

  function sharesOn(day) {  // per state area: counties, people, noncitizens, all and activated
    var rule = rollout.areas, states = [];
    for (var i = 0; i < rule.areas; i++) {
      states.push({counties: 0, activated: 0, people: 0, population: 0, allNoncitizens: 0,
                   noncitizens: 0});
    }
    rule.areaOf.forEach(function (area, row) {
      var state = states[area], people = rollout.population[row];
      var noncitizens = rollout.noncitizens[row];
      state.counties += 1;
      state.people += people;
      state.allNoncitizens += noncitizens;
      if (activated(row, day)) {
        state.activated += 1;
        state.population += people;
        state.noncitizens += noncitizens;
      }
    });
    return states;
  }

  // The headline numbers on `day`, as (label, value) pairs, as the app shows them.
  function headline(day) {
    var active = 0, total = 0, people = 0, covered = 0, states = {};
    var noncitizens = 0, noncitizensCovered = 0;
    rollout.scope.forEach(function (row) {
      total += 1;
      people += rollout.population[row];
      noncitizens += rollout.noncitizens[row];
      if (activated(row, day)) {
        active += 1;
        covered += rollout.population[row];
        noncitizensCovered += rollout.noncitizens[row];
        states[rollout.state[row]] = true;
      }
    });
    var numbers = [[text.countiesActivated,
                    fill(text.countOf, {number: count(active), total: count(total)})]];
    if (rollout.inState) {
      var every = rollout.everyCounty;
      numbers.push([text.everyCountyActivated, every.last === null ? every.words :
        every.last <= day ? shortDate(every.last) : text.notYet]);
    } else {
      numbers.push([text.statesParticipating,
                    fill(text.countOf, {number: Object.keys(states).length,
                                        total: rollout.states})]);
    }
    numbers.push([text.populationActivated, percent(people ? covered / people : 0, 1)]);
    numbers.push([text.noncitizensActivated,
                  percent(noncitizens ? noncitizensCovered / noncitizens : 0, 1)]);
    return numbers;
  }

  function ringNumbers(day) {  // a site's panel: its ring on `day`, and what does not change
    var site = rollout.site, active = 0, people = 0, covered = 0;
    var noncitizens = 0, noncitizensCovered = 0;
    site.ring.forEach(function (row) {
      people += rollout.population[row];
      noncitizens += rollout.noncitizens[row];
      if (activated(row, day)) {
        active += 1;
        covered += rollout.population[row];
        noncitizensCovered += rollout.noncitizens[row];
      }
    });
    var numbers = site.metrics.map(function (metric) { return metric.slice(); });
    numbers[site.changing] = [fill(text.ringActivatedOn, {date: shortDate(day)}),
                              fill(text.countOf, {number: active, total: site.ring.length})];
    numbers.push([text.ringPeople, percent(people ? covered / people : 0, 0)]);
    numbers.push([text.ringNoncitizens,
                  percent(noncitizens ? noncitizensCovered / noncitizens : 0, 0)]);
    return numbers;
  }

  function showNumbers(box, numbers, heading) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (heading) {
      var title = document.createElement("h2");
      title.textContent = heading;
      box.appendChild(title);
    }
    numbers.forEach(function (pair) {
      var item = document.createElement("div"), label = document.createElement("div");
      var value = document.createElement("div");
      item.className = "sc-number";
      label.className = "sc-number-label";
      value.className = "sc-number-value";
      label.textContent = pair[0];
      value.textContent = pair[1];
      item.appendChild(label);
      item.appendChild(value);
      box.appendChild(item);
    });
  }

  // Tooltip columns that say what was activated on the date.
  function datedTooltips(day) {
    var columns = page.map.tooltip.columns, at = rollout.tooltip;
    if (at.status !== null) {
      var rows = rollout.day.map(function (_, row) { return activated(row, day) ? 0 : 1; });
      columns[at.status] = {values: [fill(text.activatedOn, {date: shortDate(day)}),
                                     fill(text.notYetActivatedOn, {date: shortDate(day)})],
                            codes: rows};
    }
    if (at.counties !== null || at.share !== null || at.noncitizens !== null) {
      var states = sharesOn(day);
      if (at.counties !== null) {
        columns[at.counties] = {values: states.map(function (s) {
          return fill(text.countOf, {number: count(s.activated), total: count(s.counties)});
        })};
      }
      if (at.share !== null) {
        columns[at.share] = {values: states.map(function (s) {
          return percent(s.population / s.people, 1);
        })};
      }
      if (at.noncitizens !== null) {
        columns[at.noncitizens] = {values: states.map(function (s) {
          return percent(s.noncitizens / s.allNoncitizens, 1);
        })};
      }
    }
  }

  var map, layer, slider = byId("sc-date"), label = byId("sc-date-label");
  var numbers = byId("sc-numbers"), timer = null;

  function show(day) {
    day = Math.min(Math.max(day, rollout.first), rollout.last);
    slider.value = day;
    label.textContent = shortDate(day);
    if (!words.subtitle) {
      byId("sc-subtitle").textContent = fill(text.asOf, {date: longDate(day)});
    }
    datedTooltips(day);
    layer.recolour(classesOn(day), page.legendTitle + ", " + shortDate(day));
    showNumbers(numbers, headline(day));
    if (rollout.site) {
      var ring = document.createElement("div");
      ring.className = "sc-ring";
      showNumbers(ring, ringNumbers(day), fill(text.siteAndRing, {site: rollout.site.name}));
      numbers.appendChild(ring);
    }
    window.scShown = day;  // for tests and embedding pages: the date on show
  }

  function fromAddress() {
    var match = /(?:^#|&)as_of=([^&]*)/.exec(window.location.hash);
    return match ? dayOf(decodeURIComponent(match[1])) : null;
  }

  function remember(day) {  // the address names the date shown, for a link to it
    if (window.history.replaceState) {
      try { window.history.replaceState(null, "", "#as_of=" + isoDate(day)); }
      catch (error) { /* a page opened from disk may not change its address */ }
    }
  }

  function stop() {
    window.clearTimeout(timer);
    timer = null;
    byId("sc-play").textContent = text.play;
  }

  function play() {
    if (timer !== null) { stop(); return; }
    var day = Number(slider.value) >= rollout.last ? rollout.first : Number(slider.value);
    byId("sc-play").textContent = text.pause;
    (function step() {
      show(day);
      if (day >= rollout.last) { stop(); remember(day); return; }
      day = nextMonth(day);
      timer = window.setTimeout(step, PLAY_STEP_MS);
    })();
  }

  function tellParent() {  // an embedding page may size its iframe to the content
    if (window.parent !== window) {
      window.parent.postMessage({"sc-height": document.documentElement.scrollHeight}, "*");
    }
  }

  function start() {
    byId("sc-title").textContent = words.title;
    byId("sc-subtitle").textContent = words.subtitle;
    byId("sc-note").textContent = words.note;
    byId("sc-source").textContent = words.source;
    byId("sc-byline").textContent = words.byline;
    if (words.link) {
      var link = document.createElement("a");
      link.href = words.link;
      link.textContent = text.openInDashboard;
      byId("sc-link").appendChild(link);
    }
    var box = byId("sc-map"), fit = page.map.fit;
    var aspect = (fit[1][0] - fit[0][0]) / (fit[1][1] - fit[0][1]);  // height / width
    function drawingHeight() {  // the whole view at the page's width; a tall one cut to 3:4
      var width = box.parentNode.clientWidth;
      var tallest = Math.min(Math.max(width * 0.75, 300), 900);
      return Math.round(Math.max(Math.min(width * aspect + 16, tallest), 180));
    }
    box.style.height = drawingHeight() + "px";
    map = L.map(box, {
      crs: L.CRS.Simple, zoomSnap: 0, zoomDelta: 0.5, minZoom: -5, maxZoom: 7,
      attributionControl: false, scDrawingHeight: drawingHeight
    });
    map.fitBounds(fit, {animate: false});  // a first view; the map's frame fits it exactly
    layer = window.scRolloutLayer(L.layerGroup().addTo(map), page.map);
    slider.min = rollout.first;
    slider.max = rollout.last;
    slider.addEventListener("input", function () {
      stop();
      show(Number(slider.value));
      remember(Number(slider.value));
    });
    byId("sc-play").addEventListener("click", play);
    window.addEventListener("hashchange", function () {
      var day = fromAddress();
      if (day !== null) { stop(); show(day); }
    });
    var first = fromAddress();
    show(first !== null ? first : rollout.asOf);
    window.requestAnimationFrame(function () {  // once the first frame with the map is painted
      window.setTimeout(function () { window.scDrawnAt = window.performance.now(); }, 0);
    });
    window.addEventListener("resize", tellParent);
    tellParent();
  }

  start();
})();
