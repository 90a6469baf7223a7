/**
 * Networks and teachers of the transfer engine.
 *
 * <p>{@link org.xmodal.engine.nn.NetworkFactory} builds {@link org.xmodal.engine.nn.FeatureNetwork}s by architecture
 * name (alexnet, alexnet-pad7, alexnet-small, vgg16, resnet18). A network is a DJL block made of named stages whose
 * outputs are its taps (conv1 ... pool5, fc6, fc7), so a transfer runs only up to its tap. Parameters have stable
 * readable names ({@code conv1.weight}, {@code layer1.0.bn1.running_var}), by which
 * {@link org.xmodal.engine.nn.NetworkWeights} saves and loads them.
 *
 * <p>A {@link org.xmodal.engine.nn.Teacher} is frozen during transfer. It is either a saved workbench network read up
 * to a tap ({@link org.xmodal.engine.nn.NetworkTeacher}: an RGB network trained here, or an earlier run's student),
 * or an imported TorchScript file ({@link org.xmodal.engine.nn.TorchScriptTeacher}), checked against the student's
 * tap before training. Every network takes inputs in {@link org.xmodal.engine.nn.NetworkInput}'s convention
 * (Caffe's mean-subtracted BGR on 0..255). {@code docs/teachers.md} explains how to export torchvision's ImageNet
 * AlexNet or VGG-16 features to such a file with that input conversion built in.
 */
package org.xmodal.engine.nn;
