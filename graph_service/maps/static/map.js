// Draws a family or cluster map from the JSON the server embedded in the page. Text from the
// database only ever reaches the page as textContent (never as HTML), and nothing is fetched.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);

  function textBlock(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div;
  }
  data.nodes.forEach(function (node) { if (node.title) { node.title = textBlock(node.title); } });
  data.edges.forEach(function (edge) { if (edge.title) { edge.title = textBlock(edge.title); } });

  document.querySelectorAll(".swatch.fill[data-colour]").forEach(function (swatch) {
    swatch.style.background = swatch.getAttribute("data-colour");
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hidden = {};
  var shownEdges = new vis.DataView(edges, { filter: function (e) { return !hidden[e.category]; } });
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: shownEdges }, data.options);

  function ready() {
    network.setOptions({ physics: false });
    network.fit();
    document.body.setAttribute("data-map-ready", "true");
  }
  var laidOut = data.options.physics && data.options.physics.enabled === false;
  if (laidOut) {
    // A genogram laid out by the server: nothing to settle.
    network.once("afterDrawing", ready);
  } else {
    network.once("stabilizationIterationsDone", ready);
  }

  // Households outlined behind their members, each labelled by its address (drawn as
  // canvas text: nothing from the database becomes HTML).
  network.on("beforeDrawing", function (ctx) {
    (data.outlines || []).forEach(function (box) {
      ctx.save();
      ctx.strokeStyle = box.colour;
      ctx.lineWidth = 3;
      ctx.setLineDash([10, 6]);
      ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
      ctx.setLineDash([]);
      ctx.fillStyle = "#0b0c0c";
      ctx.font = "13px Arial, sans-serif";
      ctx.fillText(box.label, box.x0 + 8, box.y0 - 8);
      ctx.restore();
    });
  });
  // For people checking the page (and its browser tests): what is drawn right now.
  window.familyMap = {
    network: network,
    drawn: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    }
  };

  document.querySelectorAll("#filters input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      hidden[box.value] = !box.checked;
      shownEdges.refresh();
    });
  });

  function showDetails(info) {
    var panel = document.getElementById("details");
    panel.replaceChildren();
    var heading = document.createElement("h2");
    heading.textContent = info.heading;
    panel.appendChild(heading);
    var list = document.createElement("dl");
    (info.sections || []).forEach(function (section) {
      var dt = document.createElement("dt");
      dt.textContent = section.name;
      list.appendChild(dt);
      section.items.forEach(function (item) {
        var dd = document.createElement("dd");
        dd.textContent = item;
        if (section.hazard) { dd.className = "hazard"; }
        list.appendChild(dd);
      });
    });
    panel.appendChild(list);
    if (info.mapUrl) {
      var link = document.createElement("a");
      link.href = info.mapUrl;
      link.textContent = "Open " + info.heading + "'s own map";
      panel.appendChild(link);
    }
  }

  network.on("click", function (params) {
    var node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    if (node && node.info) { showDetails(node.info); }
  });
  network.on("doubleClick", function (params) {
    var node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    if (node && node.info && node.info.mapUrl) { window.location.assign(node.info.mapUrl); }
  });
})();
