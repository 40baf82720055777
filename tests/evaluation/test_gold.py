"""Regression guard: the figures of every annotated set may not fall below their floors.

Floors sit a little under what the extractor reaches (`make eval`; figures and
method in `libs/evaluation/README.md`; raised to 0.025 under 1.18.0's figures
where it gained): they catch regressions, not noise. The
engine runs as in production (spaCy parse and NER on), every set once per module in a pool of
the usable cores (`libs.evaluation.pool`; the figures do not depend on it). Skipped without ../shared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from libs.evaluation.gold import EXTRA_DIR
from libs.evaluation.pool import GoldSet, run_sets
from libs.evaluation.reliability import Reliability, add_article
from libs.evaluation.score import read_jsonl

# the first test sets up `runs`, every set at once (about two minutes on two cores, twice that on one)
pytestmark = [pytest.mark.shared, pytest.mark.timeout(900)]

# set → (detection F1, pair F1, typed-pair F1, sector F1, date accuracy)
# round 38: 17 sets' floors lowered to a little under 1.31.0 on the sets relabelled for the nuclear deal's
# group (libs/evaluation/README.md, "the settled convention"): rounds widened to their table, processes
# told in one sentence added, the 2015 deal as history removed; pairs and typed raised again to a little
# under 1.32.0 where it gained (the deal's table filled for rounds told without their members)
FLOORS = {
    "dev": (0.95, 0.91, 0.88, 0.86, 0.89),
    "extra_gold": (0.93, 0.61, 0.64, 0.84, 0.64),
    # its remaining false pairs are nuclear-deal history ("the nuclear parties reiterated their support")
    "extra_gold_2": (0.93, 0.9, 0.87, 0.77, 0.3),
    # lower pairs since 1.4.0: its two trade fairs are coded as one clique of all exhibitors, the engine
    # follows blind_2 and sentences_2 (each exhibitor with the host)
    "extra_gold_3": (0.97, 0.58, 0.61, 0.88, 0.97),
    # lower pairs: "stood for the 5+1 group in its talks with Iran" (history) makes a clique of seven
    "extra_gold_4": (0.91, 0.66, 0.72, 0.79, 0.97),
    # 1.9.0: dates 0.545 (an undated article's month/day takes the year it names most often)
    "blind_1": (0.85, 0.74, 0.68, 0.78, 0.56),  # a fair coded as a clique (see extra_gold_3)
    # 1.7.0: pairs 0.715 (a negotiating group named earlier in the article joins the round)
    "blind_2": (0.87, 0.72, 0.59, 0.7, 0.35),
    # first look at 1.4.0: 0.823 / 0.648 / 0.600 / 0.671 / 0 of 9; 1.5.0 (developed on it): 0.880 / 0.700 / 0.628 / 0.703 / 1 of 9
    # 1.7.0: 0.880 / 0.724 / 0.657 / 0.703 / 1 of 9
    # 1.10.0: pairs 0.786, typed 0.687 (a round of the nuclear talks beside three members or more is one meeting)
    "blind_3": (0.86, 0.79, 0.7, 0.72, 0.19),
    # 1.8.0: 0.922 / 0.797 / 0.627 / 0.674 / 0.56 (a listed subject acting with one object is all of it)
    "devpool": (0.9, 0.8, 0.65, 0.67, 0.53),
    # first look at 1.4.0: 0.844 / 0.523 / 0.536 / 0.642 / 2 of 12; at 1.5.0 (never developed on it):
    # 0.844 / 0.527 / 0.534 / 0.642 / 2 of 12 (105 false pairs from one inauguration coded as a clique);
    # 1.6.0 (developed on it): 0.863 / 0.714 / 0.687 / 0.642 / 2 of 12
    # 1.9.0: dates 3 of 12 (0.250)
    "blind_4": (0.84, 0.77, 0.73, 0.66, 0.3),
    # first looks at 1.5.0 and 1.6.0 (never developed on it): 0.836 / 0.496 and 0.500 / 0.471 / 0.654 / 1 of 10
    # (one group of 16 founding states coded as one cooperation weighs 120 of its 298 gold pairs)
    # 1.7.0 (developed on it): 0.846 / 0.583 / 0.539 / 0.662 / 1 of 10
    # 1.8.0: 0.846 / 0.869 / 0.789 / 0.671 / 1 of 10 (the founding members of a coalition are one cooperation)
    "blind_5": (0.83, 0.86, 0.81, 0.73, 0.27),
    # first looks at 1.6.0 and 1.7.0 (never developed on it): 0.810 / 0.498 and 0.547 / 0.393 and 0.432 /
    # 0.658 / 6 of 20 (one conference of 16 states weighs 120 of its 288 gold pairs)
    # 1.8.0 (developed on it): 0.828 / 0.618 / 0.473 / 0.671 / 6 of 26
    "blind_6": (0.81, 0.64, 0.57, 0.72, 0.24),
    # first looks at 1.7.0 and 1.8.0 (never developed on it): 0.851 / 0.604 / 0.429 / 0.645 and 0.641 /
    # 6 of 64 (the same pairs: round 7 did not move it)
    # 1.9.0 (developed on it): 0.851 / 0.671 / 0.538 / 0.641 / 6 of 64 (fairs: participants each with the host)
    # 1.16.0: pairs 0.598, typed 0.532 (delegations at a committee meeting meet each other, as blind_9's gold
    # codes them; blind_7's gold codes the same kind of meeting as a star with the host: +0.128 on blind_9)
    "blind_7": (0.83, 0.57, 0.5, 0.69, 0.7),
    # first looks at 1.8.0 and 1.9.0 (never developed on it): 0.859 / 0.663 / 0.559 and 0.560 / 0.583 /
    # 4 and 5 of 16 (round 8 moved one typed pair and one date)
    "blind_8": (0.87, 0.79, 0.69, 0.67, 0.35),
    # first look at 1.9.0 (never developed on it): 0.845 / 0.340 / 0.315 / 0.671 / 4 of 23 (three cliques,
    # an announced fair of 22 states, a committee of 14 and a conference of 11, weigh 381 of its 641 gold
    # pairs; without those three articles pairs 0.554)
    # 1.10.0 (developed on it): 0.845 / 0.468 / 0.431 / 0.671 / 4 of 23 (states named bare as a summit's
    # attendees meet each other; a round of the nuclear talks beside three members or more)
    "blind_9": (0.82, 0.57, 0.52, 0.69, 0.15),
    # first look at 1.9.0 (never developed on it): 0.851 / 0.582 / 0.539 / 0.726 / 1 of 15; 1.10.0 (whose
    # rules were written before it was annotated) gives the same on every metric
    "blind_10": (0.85, 0.63, 0.56, 0.76, 0.1),
    # first look at 1.10.0 (never developed on it): 0.870 / 0.690 / 0.524 / 0.698 / 8 of 29; 1.11.0 (its
    # first part written before it was annotated, its second part partly from its misses): 0.870 / 0.700 /
    # 0.530 / 0.695 / 8 of 29
    "blind_11": (0.85, 0.73, 0.58, 0.73, 0.66),
    # first look at 1.11.0 (never developed on it): 0.823 / 0.545 / 0.449 / 0.624 / 5 of 21 (1.10.0: 0.823 /
    # 0.518 / 0.342 / 0.633 / 5 of 21)
    # 1.12.0 (developed on it): 0.861 / 0.650 / 0.531 / 0.632 / 5 of 21 (negated and fancied talks, envoys
    # at a host's occasion as a star, JCPOA Joint Commission rounds)
    "blind_12": (0.83, 0.64, 0.51, 0.62, 0.64),
    # first look at 1.11.0 (never developed on it, annotated while 1.12.0 was written): 0.810 / 0.589 / 0.509 /
    # 0.567 / 0 of 9; 1.12.0 (never read on it): 0.831 / 0.590 / 0.517 / 0.567 / 0 of 9
    # 1.13.0 (developed on it): 0.840 / 0.657 / 0.587 / 0.583 / 1 of 9
    "blind_13": (0.81, 0.72, 0.64, 0.59, 0.11),
    # first look at 1.12.0 (annotated after it was final, never developed on): 0.847 / 0.639 / 0.548 / 0.663 /
    # 6 of 8 (1.11.0: 0.845 / 0.643 / 0.561 / 0.674 / 6 of 8)
    # 1.13.0 (developed on it): 0.861 / 0.727 / 0.647 / 0.692 / 6 of 8
    "blind_14": (0.84, 0.71, 0.63, 0.69, 0.72),
    # first look at 1.12.0 (annotated before 1.13.0 was started, never read by its developers): 0.875 / 0.660 /
    # 0.490 / 0.684 / 1 of 6; 1.13.0 (never read on it): 0.875 / 0.660 / 0.490 / 0.689 / 1 of 6 (1.11.0: 0.867 /
    # 0.680 / 0.489 / 0.698 / 1 of 6)
    "blind_15": (0.86, 0.65, 0.51, 0.73, 0.14),
    # first look at 1.13.0 (annotated after it was final): 0.824 / 0.794 / 0.719 / 0.687 / 6 of 15 (1.12.0:
    # 0.824 / 0.760 / 0.692 / 0.672; a planned WHO session of 22 states weighs 231 of its 423 gold pairs,
    # without it pairs 0.508, 1.12.0 0.505)
    # 1.14.0 (developed on it): 0.831 / 0.828 / 0.781 / 0.702 / 6 of 15
    "blind_16": (0.83, 0.81, 0.77, 0.68, 0.57),
    # first look at 1.13.0 (annotated before 1.14.0 was started, never read by its developers): 0.797 / 0.400 /
    # 0.374 / 0.564 / 7 of 19; 1.14.0 (never read on it): 0.797 / 0.400 / 0.373 / 0.564 / 8 of 19 (five articles
    # coded as a Vienna round of seven states weigh 105 of its 277 gold pairs)
    # 1.15.0 (developed on it): 0.826 / 0.442 / 0.405 / 0.573 / 10 of 19
    "blind_17": (0.8, 0.46, 0.44, 0.61, 0.5),
    # first look at 1.14.0 (annotated while it was written, never read by its developers): 0.844 / 0.630 /
    # 0.551 / 0.607 / 6 of 24 (1.13.0: 0.844 / 0.627 / 0.557 / 0.607 / 6 of 24)
    # 1.15.0 (developed on it): 0.840 / 0.681 / 0.616 / 0.618 / 11 of 24
    "blind_18": (0.84, 0.65, 0.59, 0.64, 0.47),
    # first look at 1.14.0 (annotated before 1.15.0 was started, never read by its developers): 0.828 / 0.594 /
    # 0.501 / 0.645 / 11 of 37; 1.15.0 (never read on it): 0.838 / 0.591 / 0.497 / 0.650 / 12 of 37 (one fair's
    # visitors from sixteen states read as a clique: 120 of its 175 false pairs; without that article 0.711)
    "blind_19": (0.83, 0.76, 0.65, 0.75, 0.75),
    # first look at 1.15.0 (annotated while it was written, never read by its developers): 0.818 / 0.566 /
    # 0.464 / 0.671 / 7 of 24 (1.14.0: 0.809 / 0.555 / 0.451 / 0.663 / 7 of 24)
    "blind_20": (0.81, 0.58, 0.47, 0.68, 0.3),
    # first look at 1.15.0 (annotated before 1.16.0 was started, never read by its developers): 0.797 / 0.486 /
    # 0.463 / 0.584 / 5 of 9 (a WIPO seminar for journalists of twenty listed states, coded as one conference
    # of all, holds 190 of its 256 missed pairs; without it 0.655); 1.16.0 (never read on it): 0.803 / 0.486 /
    # 0.463 / 0.584 / 5 of 9
    "blind_21": (0.77, 0.48, 0.45, 0.63, 0.53),
    # first look at 1.16.0 (annotated while it was written, never read by its developers): 0.860 / 0.631 /
    # 0.480 / 0.663 / 2 of 30 (1.15.0: 0.860 / 0.629 / 0.480 / 0.651 / 2 of 30)
    "blind_22": (0.84, 0.6, 0.46, 0.7, 0.04),
    # first look at 1.16.0 (annotated before 1.17.0 was started, never read by its developers): 0.884 / 0.586 /
    # 0.515 / 0.688 / 10 of 28; 1.17.0 (never read on it): 0.884 / 0.586 / 0.515 / 0.692 / 10 of 28
    "blind_23": (0.85, 0.56, 0.49, 0.7, 0.33),
    # first look at 1.17.0 (annotated before 1.18.0 was started, never read by its developers): 0.846 / 0.641 /
    # 0.520 / 0.637 / 1 of 4; 1.18.0 (never read on it): 0.853 / 0.651 / 0.521 / 0.629 / 1 of 4
    "blind_24": (0.82, 0.62, 0.49, 0.6, 0.22),
    # first look at 1.18.0 (annotated before 1.19.0 was started, never read by its developers): 0.887 / 0.512 /
    # 0.354 / 0.695 / 4 of 14 (a conference of ten states coded as a clique: 45 of its 97 missed pairs);
    # 1.19.0 (never read on it) the same
    "blind_25": (0.86, 0.48, 0.32, 0.67, 0.26),
    # first look at 1.19.0 (annotated before 1.20.0 was started, never read by its developers): 0.864 / 0.427 /
    # 0.336 / 0.689 / 4 of 15 (the nuclear deal's parties as one group, coded or emitted, in ten articles: 0.654
    # without them); 1.20.0 (never read on it): 0.866 / 0.426 / 0.334 / 0.692 / 4 of 15
    "blind_26": (0.84, 0.4, 0.31, 0.67, 0.24),
    # first look at 1.20.0 (annotated before 1.21.0 was started, never read by its developers): 0.835 / 0.503 /
    # 0.435 / 0.658 / 3 of 15 (a Tabriz fair coded as a clique of ten states: 45 of its 189 pairs; 0.596
    # without it); 1.21.0 (never read on it): 0.844 / 0.503 / 0.436 / 0.675 / 3 of 15
    "blind_27": (0.82, 0.52, 0.47, 0.65, 0.17),
    # first look at 1.21.0 (annotated before round 28 was started, never read by its developers): 0.860 / 0.717 /
    # 0.549 / 0.670 / 28 of 38; 1.22.0 (never read on it): the same
    "blind_28": (0.83, 0.69, 0.52, 0.64, 0.71),
    # first look at 1.22.0 (annotated before round 29 was started, never read by its developers): 0.871 / 0.547 /
    # 0.420 / 0.673 / 10 of 32 (the 2015 nuclear deal told as history, coded as an agreement of its seven
    # parties in ten articles: about 185 of its 278 missed pairs; 0.679 without them); 1.23.0 (never read on
    # it): 0.871 / 0.549 / 0.421 / 0.676 / 10 of 32
    "blind_29": (0.84, 0.52, 0.39, 0.64, 0.28),
    # first look at 1.23.0 (annotated before round 30 was started, never read by its developers): 0.874 / 0.585 /
    # 0.509 / 0.694 / 26 of 47 (a Gulf summit and a G20 summit told by their guests: 67 of its 142 missed
    # pairs; 0.655 without them); 1.24.0 (never read on it): 0.874 / 0.585 / 0.509 / 0.690 / 26 of 47
    "blind_30": (0.84, 0.55, 0.47, 0.66, 0.52),
    # first look at 1.24.0 (annotated before round 31 was started, never read by its developers): 0.851 / 0.673 /
    # 0.543 / 0.694 / 10 of 25 (a sitting of the deal's Joint Commission still to come, its parties expanded
    # from "the five permanent members": 20 of its 70 missed pairs; 0.705 without it); 1.25.0 (never read on
    # it): the same; 1.28.0: 9 of 25 dated (the gazetteer's spellings of round 34 moved one dated pair); 1.37.0: 8 of
    # 25 (round 43's types: "determined to" no longer an intent cue, two events merge and the dated one's date yields)
    "blind_31": (0.82, 0.68, 0.56, 0.66, 0.31),
    # first look at 1.25.0 (annotated before round 32 was started, never read by its developers): 0.818 / 0.581 /
    # 0.364 / 0.671 / 4 of 17 (one regional conference of thirteen states and the EU held abroad, split into
    # bilateral meetings and intents: 53 of its 129 missed pairs; 0.621 without it); 1.26.0 (never read on
    # it): the same
    "blind_32": (0.79, 0.55, 0.33, 0.64, 0.2),
    # first look at 1.26.0 (annotated before round 33 was started, never read by its developers): 0.824 / 0.412 /
    # 0.299 / 0.659 / 5 of 20 (the nuclear deal's parties as a group read as one occasion of all: about 100 of
    # its 153 false pairs; 0.525 without the five articles with the largest blocks); 1.27.0: the same
    "blind_33": (0.79, 0.38, 0.27, 0.63, 0.2),
    # first look at 1.27.0 (annotated before round 34 was started, never read by its developers), with the rail
    # fair relabelled to the house convention for fairs: 0.796 / 0.514 / 0.443 / 0.614 / 20 of 25 (a football
    # tournament and a workshop series of eight states each, none found: 56 of its 101 missed pairs; 0.610
    # without them); 1.28.0 (never read on it): 0.796 / 0.527 / 0.454 / 0.614 / 20 of 25
    "blind_34": (0.76, 0.48, 0.41, 0.58, 0.75),
    # first look at 1.28.0 (annotated before round 35 was started, never developed on): 0.873 / 0.513 / 0.502 /
    # 0.688 / 12 of 18 (the nuclear deal's parties as a group read as one occasion of all: 45 of its 102 false
    # pairs; 0.589 without those three articles)
    "blind_35": (0.84, 0.64, 0.55, 0.65, 0.6),
    # first look at 1.28.0 (annotated while round 35 was written, by people who neither ran nor read the
    # engine; never developed on): 0.803 / 0.559 / 0.443 / 0.622 / 8 of 16 (the nuclear deal's parties as a
    # group read as one occasion of all in five articles: 56 of its 92 false pairs; 0.708 without them);
    # 1.29.0, 1.30.0 and 1.31.0 (never read on it): the same
    "blind_36": (0.78, 0.53, 0.42, 0.6, 0.45),
    # first look at 1.29.0 (annotated while round 36 was written, by people who neither ran nor read the engine;
    # never developed on): 0.914 / 0.751 / 0.660 / 0.625 / 14 of 43 (an announced D-8 summit read as one intent of
    # its eight members: 27 of its 92 false pairs; the nuclear deal's history read as a meeting of its seven
    # parties: 21; 0.819 without those two articles); 1.30.0 and 1.31.0 (never read on it): the same
    "blind_37": (0.89, 0.74, 0.63, 0.6, 0.3),
    # first look at 1.30.0 (annotated while round 37 was written, by people who neither ran nor read the engine;
    # never developed on): 0.899 / 0.786 / 0.652 / 0.588 / 19 of 39 (Austria, the venue of the Vienna talks, read
    # as a party of a round in two articles: 12 of its 51 false pairs); 1.31.0 (never read on it): 0.899 / 0.815 /
    # 0.676 / 0.588 / 19 of 39 (round 37's venue rule, written without the set, removes those 12)
    "blind_38": (0.88, 0.79, 0.65, 0.56, 0.45),
    # first look at 1.31.0 (annotated after 1.31.0 was final, by people who neither ran nor read the engine; never
    # developed on): 0.826 / 0.610 / 0.533 / 0.558 / 2 of 7 (the nuclear deal's parties as a group, rounds of the
    # Vienna talks missed and the deal's group read into a ceasefire brokered by three states: eight articles,
    # 0.719 without them); 1.30.0: the same but sectors 0.554
    "blind_39": (0.81, 0.59, 0.51, 0.53, 0.14),
    # first look at 1.32.0 (annotated at the start of round 39, never developed on): 0.778 / 0.592 / 0.451 /
    # 0.667 / 6 of 9 (precision 0.48: the 2015 deal told as history read as a round of its seven parties, the
    # Vienna talks of 2022 named without members filled to the table; 0.722 without those four articles);
    # 1.33.0 (never read on it): 0.789 / 0.597 / 0.453 / 0.661 / 6 of 9; 1.34.0 (developed on in round 40):
    # 0.796 / 0.685 / 0.504 / 0.667 / 6 of 9
    "blind_40": (0.78, 0.67, 0.49, 0.65, 0.65),
    # first look at 1.33.0 (annotated at the start of round 40, held out from it): 0.819 / 0.667 / 0.556 / 0.606 /
    # 3 of 9 (recall 0.58: a GCC session and the GCC's founding told as a fact, two Vienna rounds named by their
    # table; 0.793 without those three articles); 1.34.0 the same; 1.35.0 (developed on in round 41): 0.819 /
    # 0.829 / 0.690 / 0.606 / 4 of 9
    "blind_41": (0.8, 0.81, 0.68, 0.59, 0.43),
    # first look at 1.34.0 (annotated at the start of round 41, held out from it): 0.848 / 0.661 / 0.592 / 0.702 /
    # 9 of 42 (precision 0.61: the 2015 deal or its talks told as background in three articles, 0.743 without
    # them; a Vienna process named as "talks between Iran and the West" missed); 1.35.0: the same but 10 of 42;
    # 1.36.0 (developed on in round 42): 0.855 / 0.831 / 0.710 / 0.707 / 13 of 42
    "blind_42": (0.84, 0.82, 0.7, 0.69, 0.29),
    # first look at 1.35.0 (annotated at the start of round 42, held out from it): 0.846 / 0.768 / 0.665 / 0.602 /
    # 3 of 13 (precision 0.72: the 2015 deal told as "the outcome of over a decade of negotiations between Tehran
    # and six world powers", a Joint Commission named in a general statement; 0.829 without those two articles);
    # 1.36.0 exactly the same; 1.37.0 (developed on in round 43): 0.846 / 0.854 / 0.729 / 0.624 / 3 of 13
    "blind_43": (0.83, 0.84, 0.71, 0.61, 0.22),
    # first look at 1.36.0 (annotated at the start of round 43, held out from it): 0.836 / 0.728 / 0.587 / 0.637 /
    # 7 of 12 (twelve articles on the nuclear deal's group hold 85 of the 101 missed and 46 of the 82 false pairs:
    # rounds and Joint Commission sessions to come, a Vienna process told by its history, a hypothetical, the US
    # seated by "bring into compliance"; 0.873 without them); 1.37.0: the same but sectors 0.642; 1.38.0 (developed
    # on in round 44): 0.836 / 0.784 / 0.658 / 0.652 / 7 of 12
    "blind_44": (0.82, 0.77, 0.64, 0.64, 0.57),
    # first look at 1.37.0 (annotated at the start of round 44, held out from it): 0.865 / 0.531 / 0.504 / 0.643 /
    # 4 of 12 (six articles on the nuclear deal's group hold 50 of the 97 missed and 27 of the 85 false pairs:
    # processes told in one sentence, the 2015-era talks seated as a round; a BRICS meeting's topics read as its
    # parties; 0.629 without the six); 1.38.0: the same but sectors 0.648; 1.39.0 (developed on in round 45): 0.875 /
    # 0.717 / 0.650 / 0.657 / 4 of 12
    "blind_45": (0.86, 0.70, 0.64, 0.64, 0.32),
    # first look at 1.38.0 (annotated at the start of round 45, held out from it): 0.833 / 0.535 / 0.523 / 0.717 /
    # 3 of 12 (three Vienna processes of the nuclear deal's group hold 46 of the 90 missed pairs: a latest round
    # with its members unnamed, six rounds since April, the current talks in an envoy's briefing; 0.632 without
    # them); 1.39.0: 0.833 / 0.537 / 0.524 / 0.722 / 3 of 12; 1.40.0 (developed on in round 46): 0.844 / 0.709 /
    # 0.651 / 0.722 / 3 of 12; 1.41.0: 0.844 / 0.730 / 0.670 / 0.722 / 3 of 12
    "blind_46": (0.83, 0.72, 0.65, 0.71, 0.24),
    # first look at 1.39.0 (annotated right after it, held out from round 46): 0.833 / 0.676 / 0.574 / 0.653 / 3 of
    # 9 (three articles on the nuclear deal's group hold 55 of the 134 missed pairs: a round with the 4+1 and the US
    # indirectly, a Joint Commission session to come, Germany to discuss with the others in the pact; 0.761 without
    # them; a coalition of eight coded as one cooperation, 28 more); 1.40.0 the same; 1.41.0 (developed on in round
    # 47): 0.855 / 0.870 / 0.719 / 0.671 / 3 of 9
    "blind_47": (0.84, 0.86, 0.70, 0.66, 0.32),
    # first look at 1.40.0 (annotated right after it, held out from round 47): 0.817 / 0.596 / 0.485 / 0.661 / 6 of
    # 20 (four articles on the nuclear deal's group hold 55 of the 110 missed and 21 of the 57 false pairs: Vienna
    # talks going on or to start in new words, the 2015 deal told as background read as a round; 0.729 without
    # them); 1.41.0 the same
    "blind_48": (0.80, 0.58, 0.47, 0.65, 0.28),
}


def _path(name: str, shared_dir: Path) -> Path:
    return shared_dir / "gold" / "dev.jsonl" if name == "dev" else EXTRA_DIR / f"{name}.jsonl"


@pytest.fixture(scope="module")
def runs(shared_dir: Path, corpus_path: Path) -> dict[str, tuple[list[dict], Any]]:
    """Set name → (gold records, what `run_gold` or `run_sentences` gave): every set of FLOORS and
    SENTENCE_FLOORS through the engine once, in a process pool."""
    sets = [GoldSet(name, read_jsonl(_path(name, shared_dir))) for name in sorted(FLOORS)] + [
        GoldSet(name, read_jsonl(EXTRA_DIR / f"{name}.jsonl"), "sentences")
        for name in sorted(SENTENCE_FLOORS)
    ]
    return {s.name: (s.records, out) for s, out in run_sets(sets, shared_dir)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figures_stay_above_their_floors(runs: dict[str, tuple[list[dict], Any]], name: str) -> None:
    gold, (result, preds) = runs[name]
    if name != "dev":
        assert all(g["text_ref"].startswith("corpus:") and "text" not in g for g in gold), (
            "ids and labels only"
        )
    assert len(preds) == result.articles == len(gold), "every gold text_ref must resolve"
    detection, pairs, typed, sectors, dates = FLOORS[name]
    figures = (
        result.article.f1,
        result.pairs.f1,
        result.typed_pairs.f1,
        result.sectors.f1,
        result.date_accuracy,
    )
    floors = (detection, pairs, typed, sectors, dates)
    assert all(f >= floor for f, floor in zip(figures, floors, strict=True)), (name, figures)


# sentence set → (dyad F1, sentence detection F1, most non-cooperative dyads emitted as cooperation)
SENTENCE_FLOORS = {
    "sentences_1": (0.75, 0.83, 4),
    # 1.10.0: 0.695 / 0.716 / 4 of 68 (a round of the nuclear talks beside three members or more)
    "sentences_2": (0.7, 0.77, 6),
    # first look at 1.4.0: 0.519 / 0.667 / 1 of 57; 1.5.0 (developed on it): 0.626 / 0.798 / 1 of 57
    "sentences_3": (0.81, 0.82, 3),
    # first look at 1.4.0: 0.530 / 0.603 / 1 of 88; at 1.5.0 (never developed on it): 0.507 / 0.599 / 2 of 88;
    # 1.6.0 (developed on it): 0.642 / 0.662 / 2 of 88
    "sentences_4": (0.7, 0.72, 4),
    # first looks at 1.5.0 and 1.6.0 (never developed on it, the same output): 0.488 / 0.579 / 7 of 77; 1.35.0:
    # 0.630 / 0.770 / 3 (19 dyads of firms "coming from" listed states at a fair, which its annotator left out
    # as a hard call and sentences_13, 16, 28, 35 and 39 code: round 41's recall, dyads +0.0029 over the sets)
    "sentences_5": (0.62, 0.73, 8),
    # first looks at 1.6.0 and 1.7.0 (never developed on it, the same output): 0.530 / 0.616 / 0 of 61
    # 1.8.0 (developed on it): 0.553 / 0.644 / 0 of 61
    "sentences_6": (0.63, 0.72, 2),
    # first looks at 1.7.0 and 1.8.0 (never developed on it, the same output): 0.436 / 0.614 / 0 of 64
    # 1.9.0 (developed on it): 0.520 / 0.624 / 0 of 64
    # 1.10.0: 0.583 / 0.634 / 1 of 64 (a Vienna round: the U.S. pair is coded as a threat)
    "sentences_7": (0.67, 0.75, 2),
    # first looks at 1.8.0 and 1.9.0 (never developed on it, the same output): 0.653 / 0.671 / 0 of 66
    "sentences_8": (0.69, 0.74, 2),
    # first look at 1.9.0 (never developed on it): 0.468 / 0.573 / 1 of 63
    # 1.10.0 (developed on it): 0.570 / 0.583 / 1 of 63
    "sentences_9": (0.69, 0.76, 3),
    # first look at 1.9.0 (never developed on it): 0.335 / 0.648 / 3 of 56 (one sentence of a summit of
    # 17 parliament speakers holds 136 of its 291 cooperative pairs; without it 0.473)
    # 1.10.0 (written before it was annotated): 0.711 / 0.658 / 3 of 56 (that summit's attendees)
    # 1.11.0: 0.799 / 0.671 / 3 of 56 (an IGO's members listed are no event; example lists are spokes)
    "sentences_10": (0.81, 0.74, 4),
    # first look at 1.10.0 (never developed on it): 0.609 / 0.724 / 4 of 76; 1.11.0's first part (written
    # before it was annotated): 0.570 (a co-chaired Vienna round lost its seven parties); 1.11.0: 0.620 /
    # 0.739 / 4 of 76 (co-chaired gatherings are meetings of their attendees)
    "sentences_11": (0.69, 0.78, 5),
    # first look at 1.11.0 (never developed on it): 0.396 / 0.639 / 6 of 63 (one condolence book signed by
    # ambassadors of twelve states becomes one agreement of all: 66 false pairs; without it 0.515)
    # 1.12.0 (developed on it): 0.624 / 0.724 / 6 of 63 (envoys at a host's occasion are a star)
    "sentences_12": (0.67, 0.74, 7),
    # first look at 1.11.0 (never developed on it): 0.582 / 0.559 / 4 of 78; 1.12.0 (never read on it):
    # 0.614 / 0.649 / 5 of 78 (stated support, the pair named again after an event)
    "sentences_13": (0.71, 0.73, 7),
    # first look at 1.12.0 (annotated after it was final): 0.678 / 0.702 / 7 of 76 (1.11.0: 0.661 / 0.671 / 7)
    "sentences_14": (0.75, 0.79, 8),
    # first look at 1.12.0 (annotated before 1.13.0 was started, never read by its developers): 0.527 / 0.638 /
    # 4 of 66 (0.539 / 0.652 with state dyads only, the scoring since 1.13.0); 1.13.0 (never read on it): 0.541 /
    # 0.657 / 4 of 66 (1.11.0: 0.565 with state dyads only)
    "sentences_15": (0.62, 0.68, 6),
    # first look at 1.13.0 (annotated after it was final): 0.679 / 0.726 / 6 of 97 (1.12.0: 0.504: one minister
    # meeting the foreign ministers of fourteen states made 91 false pairs as a clique; 1.13.0's round of
    # meetings rule, written from blind_14, reads it as a star)
    "sentences_16": (0.66, 0.71, 7),
    # first look at 1.13.0 (annotated before 1.14.0 was started, never read by its developers): 0.543 / 0.679 /
    # 1 of 74; 1.14.0 (never read on it): the same
    # 1.15.0 (developed on it): 0.610 / 0.703 / 1 of 74
    "sentences_17": (0.58, 0.69, 2),
    # first look at 1.14.0 (annotated while it was written, never read by its developers): 0.507 / 0.696 / 2 of
    # 79 (1.13.0: the same)
    # 1.15.0 (developed on it): 0.516 / 0.716 / 2 of 79
    "sentences_18": (0.51, 0.73, 3),
    # first look at 1.14.0 (annotated before 1.15.0 was started, never read by its developers): 0.408 / 0.772 /
    # 5 of 64 (one sentence of a banking fair coded as all pairs of fifteen states holds 105 of its 261 cooperative
    # pairs; without it 0.547); 1.15.0 (never read on it): 0.412 / 0.780 / 5 of 64
    "sentences_19": (0.4, 0.77, 6),
    # first look at 1.15.0 (annotated while it was written, never read by its developers): 0.584 / 0.724 / 5 of 47
    # (1.14.0: the same)
    "sentences_20": (0.57, 0.73, 6),
    # first look at 1.15.0 (annotated before 1.16.0 was started, never read by its developers): 0.638 / 0.783 /
    # 5 of 39; 1.16.0 (never read on it): 0.638 / 0.781 / 5 of 39
    "sentences_21": (0.61, 0.77, 6),
    # first look at 1.16.0 (annotated while it was written, never read by its developers): 0.648 / 0.742 / 1 of
    # 68 (1.15.0: 0.644 / 0.734 / 1 of 68)
    "sentences_22": (0.62, 0.71, 2),
    # first look at 1.16.0 (annotated before 1.17.0 was started, never read by its developers): 0.636 / 0.768 /
    # 1 of 63; 1.17.0 (never read on it) the same
    "sentences_23": (0.61, 0.74, 2),
    # first look at 1.17.0 (annotated before 1.18.0 was started, never read by its developers): 0.561 / 0.734 /
    # 4 of 70; 1.18.0 (never read on it): 0.566 / 0.734 / 2 of 70
    "sentences_24": (0.54, 0.7, 3),
    # first look at 1.18.0 (annotated before 1.19.0 was started, never read by its developers): 0.595 / 0.649 /
    # 4 of 60; 1.19.0 (never read on it) the same
    "sentences_25": (0.57, 0.62, 5),
    # first look at 1.19.0 (annotated before 1.20.0 was started, never read by its developers): 0.490 / 0.738 /
    # 4 of 44; 1.20.0 (never read on it): 0.494 / 0.747 / 4 of 44
    "sentences_26": (0.47, 0.72, 5),
    # first look at 1.20.0 (annotated before 1.21.0 was started, never read by its developers): 0.558 / 0.708 /
    # 3 of 66; 1.21.0 (never read on it): 0.553 / 0.708 / 3 of 66
    "sentences_27": (0.53, 0.68, 4),
    # first look at 1.21.0 (annotated before round 28 was started, never read by its developers): 0.620 / 0.744 /
    # 3 of 65; 1.22.0 (never read on it): the same
    "sentences_28": (0.59, 0.71, 4),
    # first look at 1.22.0 (annotated before round 29 was started, never read by its developers): 0.550 / 0.763 /
    # 4 of 91; 1.23.0 (never read on it): 0.552 / 0.770 / 4 of 91
    "sentences_29": (0.48, 0.74, 5),
    # first look at 1.23.0 (annotated before round 30 was started, never read by its developers): 0.652 / 0.813 /
    # 3 of 84; 1.24.0 (never read on it): 0.669 / 0.813 / 3 of 84
    "sentences_30": (0.63, 0.78, 4),
    # first look at 1.24.0 (annotated before round 31 was started, never read by its developers): 0.474 / 0.768 /
    # 8 of 74 (four sentences of the deal's parties as a group read as meetings or an agreement of all seven:
    # 62 of its 118 false pairs; 0.602 without them); 1.25.0 (never read on it): the same
    "sentences_31": (0.44, 0.74, 9),
    # first look at 1.25.0 (annotated before round 32 was started, never read by its developers): 0.483 / 0.779 /
    # 2 of 34 (two sentences of the deal's parties as a group: 25 of its 88 false pairs; 0.513 without them);
    # 1.26.0 (never read on it): the same
    "sentences_32": (0.45, 0.75, 3),
    # first look at 1.26.0 (annotated before round 33 was started, never read by its developers): 0.489 / 0.719 /
    # 3 of 76 (one sentence of the deal's parties as a group: 21 of its 80 false pairs; 0.530 without it);
    # 1.27.0: the same
    "sentences_33": (0.46, 0.69, 4),
    # first look at 1.27.0 (annotated before round 34 was started, never read by its developers): 0.544 / 0.809 /
    # 1 of 68 (one sentence of the Vienna talks' seven states: 21 of its 80 missed pairs; 0.582 without it);
    # 1.28.0 (never read on it): 0.540 / 0.809 / 1 of 68
    "sentences_34": (0.51, 0.77, 2),
    # first look at 1.28.0 (annotated before round 35 was started, never developed on): 0.698 / 0.819 / 0 of 69
    # (two sentences listing nine and eight states read as one occasion of all: 64 of its 91 false pairs)
    "sentences_35": (0.66, 0.78, 1),
    # first look at 1.28.0 (annotated while round 35 was written, never developed on): 0.614 / 0.715 / 2 of 70
    # (one sentence of the deal's parties as a group: 15 of its 59 false pairs; a conference of Afghanistan's
    # neighbours in China not found: 10 of its 54 missed); 1.29.0 and 1.30.0 (never read on it): the same
    "sentences_36": (0.58, 0.69, 3),
    # first look at 1.29.0 (annotated while round 36 was written, never developed on): 0.630 / 0.741 / 1 of 65
    # (precision 0.85, recall 0.50: a fair of 24 exhibitors, six states joining INSTEX and a round of the nuclear
    # talks with the P4+1 weigh 57 of its 121 missed dyads); 1.30.0 and 1.31.0: the same
    "sentences_37": (0.6, 0.72, 2),
    # first look at 1.30.0 (annotated while round 37 was written, never developed on): 0.630 / 0.769 / 3 of 49
    # (precision 0.77, recall 0.53: two fairs of 20 and 13 foreign exhibitors and a round of the Vienna talks with
    # the P4+1 weigh 48 of its 101 missed dyads); 1.31.0: the same
    "sentences_38": (0.6, 0.74, 4),
    # first look at 1.31.0 (annotated after 1.31.0 was final, never developed on): 0.583 / 0.619 / 9 of 70
    # (precision 0.58, recall 0.59: the deal's six powers of a past proposal read as one intent, 15 false dyads;
    # an upcoming oil show of twelve exhibitor states missed, 12); 1.30.0: the same
    "sentences_39": (0.56, 0.6, 10),
    # first look at 1.32.0 (annotated at the start of round 39, never developed on): 0.550 / 0.766 / 2 of 72
    # (precision 0.46: a president meeting his own new ambassadors to twelve states read as a clique of those
    # states, 66 false dyads; a list of export destinations, 36); 1.33.0 the same; 1.34.0 (developed on in round
    # 40): 0.767 / 0.797 / 2 of 72
    "sentences_40": (0.75, 0.77, 3),
    # first look at 1.33.0 (annotated at the start of round 40, held out from it): 0.729 / 0.701 / 9 of 89 (a
    # summit's host taken as an attendee, a remark at a summit read as an act of all its parties); 1.34.0 the same;
    # 1.35.0 (developed on in round 41): 0.790 / 0.730 / 8 of 89
    "sentences_41": (0.78, 0.71, 8),
    # first look at 1.34.0 (annotated at the start of round 41, held out from it): 0.395 / 0.681 / 3 of 78 (recall
    # 0.31: two gatherings whose parties the annotator took from the next sentences, 66 of the 149 misses; lists of
    # trade and banking partners); 1.35.0 the same; 1.36.0 (developed on in round 42): 0.610 / 0.687 / 3 of 78
    "sentences_42": (0.59, 0.67, 3),
    # first look at 1.35.0 (annotated at the start of round 42, held out from it): 0.809 / 0.753 / 2 of 72 (a
    # summit's attendees named by their leaders missed; a list of export destinations read as acts); 1.36.0 the same;
    # 1.37.0 (developed on in round 43): 0.816 / 0.753 / 2 of 72
    "sentences_43": (0.8, 0.74, 2),
    # first look at 1.36.0 (annotated at the start of round 43, held out from it): 0.606 / 0.681 / 3 of 80 (a summit
    # to come of ten named leaders holds 45 of the 96 misses; tourists of several nationalities on a train and OPEC's
    # talks with Russia are 38 of the 64 false dyads); 1.37.0: 0.604 / 0.676 / 3 of 80; 1.38.0 (developed on in
    # round 44): 0.808 / 0.690 / 3 of 80
    "sentences_44": (0.79, 0.68, 3),
    # first look at 1.37.0 (annotated at the start of round 44, held out from it): 0.554 / 0.775 / 4 of 59 (a space
    # agency's members listed, an organisation's founders in 2001, sanctions waivers and trial patients from several
    # countries hold 77 of the 97 false dyads; 0.743 without them); 1.38.0 the same; 1.39.0 (developed on in round
    # 45): 0.691 / 0.787 / 1 of 59
    "sentences_45": (0.68, 0.77, 1),
    # first look at 1.38.0 (annotated at the start of round 45, held out from it): 0.405 as annotated, 0.489 / 0.710
    # / 2 of 45 after two fairs were relabelled by the exhibitors' convention (a twelve-state conference, a summit
    # told by its context, a Joint Commission session and two background mentions of the deal hold 96 of the 141
    # missed and 42 of the 83 false dyads; 0.691 without them); 1.39.0 the same; 1.40.0 (developed on in round 46)
    # the same; 1.41.0: 0.716 / 0.721 / 2 of 45 (the twelve-state conference as one gathering, the 2015 history
    # sentences no evidence)
    "sentences_46": (0.70, 0.71, 2),
    # first look at 1.39.0 (annotated right after it, held out from round 46): 0.768 / 0.724 / 2 of 62 (a
    # five-minister forum missed, the 2015 talks as background taken, D3); 1.40.0 the same; 1.41.0 (developed on in
    # round 47): 0.817 / 0.734 / 2 of 62
    "sentences_47": (0.80, 0.72, 2),
    # first look at 1.40.0 (annotated right after it, held out from round 47): 0.417 / 0.660 / 4 of 88 (a coalition
    # of nine listed after "was made up of", shuttle diplomacy through the deal's parties, a tourism meeting's
    # attendees and a fair's fifteen exhibitor states hold 87 of the 117 missed dyads; 0.635 without them); 1.41.0
    # the same
    "sentences_48": (0.40, 0.65, 4),
}


@pytest.mark.parametrize("name", sorted(SENTENCE_FLOORS))
def test_sentence_dyads_stay_above_their_floor(runs: dict[str, tuple[list[dict], Any]], name: str) -> None:
    items, result = runs[name]
    assert all("text" not in i for i in items), "ids, offsets and labels only"
    dyads, detection, emitted = SENTENCE_FLOORS[name]
    assert result.dyads.f1 >= dyads, result.as_dict()
    assert result.detection.f1 >= detection, result.as_dict()
    assert result.non_cooperative_emitted <= emitted, result.as_dict()


def test_high_confidence_events_are_mostly_right(runs: dict[str, tuple[list[dict], Any]]) -> None:
    table = Reliability()
    for name in (
        "blind_1",
        "blind_2",
        "blind_3",
        "blind_4",
        "blind_5",
        "blind_6",
        "blind_7",
        "blind_8",
        "blind_9",
        "blind_10",
        "blind_11",
        "blind_12",
        "blind_13",
        "blind_14",
        "blind_15",
        "blind_16",
        "blind_17",
        "blind_18",
        "blind_19",
        "blind_20",
        "blind_21",
        "blind_22",
        "blind_23",
        "blind_24",
        "blind_25",
        "blind_26",
        "blind_27",
        "blind_28",
        "blind_29",
        "blind_30",
        "blind_31",
        "blind_32",
        "blind_33",
        "blind_34",
        "blind_35",
        "blind_36",
        "blind_37",
        "blind_38",
        "blind_39",
        "blind_40",
        "blind_41",
        "blind_42",
        "blind_43",
        "blind_44",
        "blind_45",
        "blind_46",
        "blind_47",
        "blind_48",
        "devpool",
    ):
        gold, (_, preds) = runs[name]
        for g in gold:
            add_article(table, g, preds.get(g["id"], []))
    assert table.at_least(0.8).precision >= 0.80
